# Form and document texts for the California Victim Compensation Board.

jurisdiction-name = California Victim Compensation Board

head-medical = Medical and dental expenses
head-income_loss = Income loss
head-funeral_burial = Funeral and burial expenses
head-relocation = Relocation expenses
head-crime_scene_cleanup = Crime scene cleanup
head-home_security = Home security
head-mental_health = Mental health counselling

offence-trafficking_in_human_beings = Human trafficking
offence-sexual_violence = Sexual assault
offence-domestic_violence = Domestic violence
offence-other_violent_crime = Other violent crime
