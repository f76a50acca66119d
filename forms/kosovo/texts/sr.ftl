# Текстови образаца и докумената за Косово, на српском (ћирилица).

jurisdiction-name = Комисија за накнаду штете жртвама кривичних дела

head-physical_injury = Тешка телесна повреда или оштећење здравља
head-mental_harm = Тешко оштећење менталног здравља
head-loss_of_earning_capacity = Губитак радне способности
head-medical_costs = Трошкови лечења и болничког смештаја
head-funeral_costs = Трошкови сахране
head-medical_aids = Уништена медицинска помагала
head-procedural_costs = Трошкови поступка по захтеву

offence-trafficking_in_human_beings = Трговина људима
offence-sexual_violence = Сексуално насиље
offence-domestic_violence = Насиље у породици
offence-other_violent_crime = Друго насилно кривично дело
