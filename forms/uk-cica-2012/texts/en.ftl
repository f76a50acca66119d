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

document-police_report = Police report
document-medical_report = Medical report
document-court_judgment = Court judgment
document-receipt = Receipts for costs
document-proof_of_income = Proof of income
document-proof_of_relationship = Proof of relationship to the victim
document-trafficking_identification = Decision identifying the victim of trafficking
document-power_of_attorney = Power of attorney
document-guardian_appointment = Appointment of the guardian
document-other = Other document

appeal-body-review = asking the Authority for a review
appeal-body-tribunal = appealing to the First-tier Tribunal (Criminal Injuries Compensation)

# Decisions and letters.
page-of = Page { $page } of { $pages }
label-date = Date
label-claim-reference = Claim reference
label-schedule = Award schedule
label-applicant = Applicant
label-representative = Representative
label-victim = Victim
label-offence = Offence
identity-masked-note = The identity of the victim is protected: names are shown as initials.
decision-title = Decision
decision-number = No. { $number }
section-facts = Facts found
fact-lodged = The application was lodged on { $date }.
fact-crime = The crime was committed on { $date }.
fact-offence = The offence: { $offence }.
section-outcome = The Authority decides
outcome-award = The Authority awards the applicant { $amount }.
outcome-partial-award = The Authority awards the applicant { $amount }, part of the amount claimed.
outcome-rejected = The Authority rejects the application.
outcome-inadmissible = The Authority declares the application inadmissible.
outcome-reason = Reasons: { $reason }
section-calculation = Calculation of the award
column-head = Head of loss
column-explanation = How it was assessed
column-claimed = Claimed
column-allowed = Allowed
calculation-gross = Total allowed
calculation-limited = After the minimum and maximum award
calculation-offsets = Payments from other sources deducted
calculation-reduction = Reduction
calculation-interim = Interim awards deducted
calculation-total = Total awarded
section-vote = The vote
vote-summary = Decision-makers present: { $present }. Recused: { $recused }. In favour: { $approve }. Against: { $reject }.
vote-dissent = Dissenting opinion
section-appeal = Right of appeal
appeal-route = The applicant may challenge this decision by { $body } no later than { $date }.
signature-chair = For the Criminal Injuries Compensation Authority
verification-code = Verification code: { $code }
verification-url = Check that this document is authentic at { $url }
letter-signature = Criminal Injuries Compensation Authority
letter-receipt-title = Receipt of your application
letter-receipt-body = The Authority received your application on { $date } and registered it under reference { $reference }.
letter-receipt-next = We will check whether it is admissible and tell you if further documents are needed.
letter-evidence-title = Request for documents
letter-evidence-body = To assess your claim we need the following documents by { $date }:
letter-evidence-after = If they have not arrived by that date, the Authority will decide on the evidence it has. Please quote the reference { $reference } with each document.
letter-interim-title = Interim award
letter-interim-body = On { $date } the Authority granted you an interim award of { $amount } for urgent needs.
letter-interim-deducted = The interim award will be deducted from the final award.
letter-payment-title = Payment notice
letter-payment-body = A payment of { $amount } on your claim was made on { $date }.
letter-payment-total = With this payment, { $paid } of the award of { $award } has been paid.

# How a calculation line was assessed, phrase by phrase (joined with "; ").
explanation-claimed = claimed { $amount }
explanation-claimed-several = amounts claimed: { $count }, { $amount } in all
explanation-fixed-payment = the fixed payment of { $amount } applies
explanation-capped-at = capped at { $amount }
explanation-within-cap = allowed in full, within the cap of { $amount }
explanation-paid-in-full = allowed in full
explanation-for-class = claimant: { $class }
explanation-injury = injury { $rank } by value: { $percent } of { $amount }
explanation-injury-not-counted = injury { $rank } by value: not counted, only the { $counted } most valuable injuries count
explanation-weeks-at-rate = { $weeks } × { $rate } a week
explanation-unpaid-weeks = nothing for the first weeks: { $weeks }
explanation-maximum-weeks = weeks paid at most: { $weeks }
explanation-weeks-paid = weeks paid: { $weeks }, { $amount }
explanation-sole-person = a sole qualifying person: { $amount }
explanation-persons-each = qualifying persons: { $count } × { $each } = { $amount }
explanation-years-until-age = years until age { $age }: { $years } × { $yearly } a year, pro rata for part years = { $amount }
explanation-below-minimum-refused = the claim is worth { $worth }, less than the minimum of { $minimum }: no award
explanation-below-minimum-raised = the claim is worth { $worth }, less than the minimum of { $minimum }: raised to the minimum
explanation-above-maximum = the claim is worth { $worth }, more than the maximum of { $maximum }: heads are paid in the order { $heads }
