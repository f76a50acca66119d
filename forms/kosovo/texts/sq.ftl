# Tekstet e formularëve dhe dokumenteve për Kosovën, në shqip.

jurisdiction-name = Komisioni për Kompensimin e Viktimave të Krimit

head-physical_injury = Lëndim i rëndë trupor ose dëmtim i shëndetit
head-mental_harm = Dëm i rëndë në shëndetin mendor
head-loss_of_earning_capacity = Humbja e aftësisë për punë
head-medical_costs = Shpenzimet mjekësore dhe spitalore
head-funeral_costs = Shpenzimet e varrimit
head-medical_aids = Mjetet ndihmëse mjekësore të shkatërruara
head-procedural_costs = Shpenzimet procedurale të kërkesës

offence-trafficking_in_human_beings = Trafikimi me qenie njerëzore
offence-sexual_violence = Dhuna seksuale
offence-domestic_violence = Dhuna në familje
offence-other_violent_crime = Krim tjetër i dhunshëm
