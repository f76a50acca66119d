# Form and document texts for the Criminal Injuries Compensation Scheme 2012.

jurisdiction-name = Criminal Injuries Compensation Authority

head-injury = Injury payment (tariff)
head-exempt_injury = Injury payment outside the multiple-injury rule
head-loss_of_earnings = Loss of earnings
head-special_expenses = Special expenses
head-funeral = Funeral payment
head-bereavement = Bereavement payment
head-child_payment = Payment for loss of parental services

offence-trafficking_in_human_beings = Trafficking in human beings
offence-sexual_violence = Sexual violence
offence-domestic_violence = Domestic violence
offence-other_violent_crime = Other crime of violence
