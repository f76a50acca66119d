# Form and document texts for Kosovo, in English.

jurisdiction-name = Commission for Compensation of Crime Victims

head-physical_injury = Serious bodily injury or damage to health
head-mental_harm = Serious harm to mental health
head-loss_of_earning_capacity = Loss of capacity to work
head-medical_costs = Medical and hospital costs
head-funeral_costs = Funeral costs
head-medical_aids = Destroyed medical aids
head-procedural_costs = Procedural costs of the application

offence-trafficking_in_human_beings = Trafficking in human beings
offence-sexual_violence = Sexual violence
offence-domestic_violence = Domestic violence
offence-other_violent_crime = Other violent crime
