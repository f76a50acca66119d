# The web UI's shared texts (layout, sign-in, errors, states). Every key is in every language's file of the same name (a test checks).

service-name = Crime victims' compensation
skip-to-main-content = Skip to main content
service-information = Service information
menu = Menu
sign-out = Sign out
language-navigation = Language
footer-text = Commission for Compensation of Crime Victims. Pages in Albanian, Serbian and English.
go-to-start = Go to the start page

exit-this-page = Exit this page
exit-this-page-emergency = Emergency
exit-this-page-activated = Loading.
exit-this-page-timed-out = Exit this page expired.
exit-this-page-press-two-more-times = Shift, press 2 more times to exit.
exit-this-page-press-one-more-time = Shift, press 1 more time to exit.

forbidden-title = You cannot see this page
forbidden-body = Your account does not have access to this page, or the form was not sent from this service. Go back and try again.
not-found-title = Page not found
not-found-body = Check the address, or go back to the start page.
error-title = Sorry, there is a problem with the service
error-body = Try again later. Nothing you sent has been lost or half-saved.
error-summary-title = There is a problem
error-prefix = Error:

sign-in-title = Sign in
sign-in-username = Username
sign-in-password = Password
sign-in-button = Sign in
sign-in-username-missing = Enter your username
sign-in-password-missing = Enter your password
sign-in-failed = The username or password is wrong, or the account is not active
sign-in-throttled = Too many attempts. Wait a minute, then try again
sign-in-no-pages = The web pages for your role are not ready yet. Use the API documented at /docs
demo-accounts-title = Demo accounts
demo-accounts-hint = Their passwords were printed once in the terminal that started the demo.
demo-accounts-roles = Roles

role-lawyer = Lawyer
role-secretariat = Secretariat
role-commissioner = Commission member
role-chair = Chair of the commission
role-finance_officer = Finance officer
role-finance_approver = Finance approver
role-auditor = Auditor
role-admin = Administrator
role-system = System

nav-my-claims = My claims
nav-queue = Queue

lawyer-claims-title = My claims
lawyer-claims-caption = Claims you represent
lawyer-claims-none = You do not represent any claims yet.
pagination = Pages
next-page = Next page

column-reference = Reference
column-offence = Offence
column-state = State
column-next-deadline = Next deadline
column-needed-now = What is needed now
no-deadline = None
overdue-by-days = Overdue by { $days } days

deadline-filing = Filing by { $date }
deadline-evidence = Evidence by { $date }
deadline-decision = Decision by { $date }
deadline-appeal = Appeal by { $date }
deadline-payment = Payment by { $date }

offence-trafficking_in_human_beings = Trafficking in human beings
offence-sexual_violence = Sexual violence
offence-domestic_violence = Domestic violence
offence-other_violent_crime = Other violent crime

state-draft = Draft
state-submitted = Submitted
state-awaiting_evidence = Awaiting evidence
state-under_assessment = Under assessment
state-in_commission_review = Before the commission
state-decided = Decided
state-under_appeal = Under appeal
state-final = Final
state-in_payment = Being paid
state-paid = Paid
state-closed = Closed
state-withdrawn = Withdrawn

lawyer-needed-draft = Complete the claim and submit it
lawyer-needed-submitted = Nothing for now: the secretariat is checking the application
lawyer-needed-awaiting_evidence = Upload the documents the secretariat asked for
lawyer-needed-under_assessment = Nothing for now: the claim is being assessed
lawyer-needed-in_commission_review = Nothing for now: the commission is deciding
lawyer-needed-decided = Read the decision; appeal before the deadline if you disagree
lawyer-needed-under_appeal = Nothing for now: the appeal is being decided
lawyer-needed-final = Nothing: the decision is final
lawyer-needed-in_payment = Nothing: the award is being paid
lawyer-needed-paid = Nothing: the award has been paid
lawyer-needed-closed = Nothing: the claim is closed
lawyer-needed-withdrawn = Nothing: the claim was withdrawn

secretariat-needed-draft = Nothing: the claim has not been submitted
secretariat-needed-submitted = Check admissibility
secretariat-needed-awaiting_evidence = Accept the evidence when it is complete
secretariat-needed-under_assessment = Record the assessment and propose an award
secretariat-needed-in_commission_review = The commission votes and the chair decides
secretariat-needed-decided = Make the decision final when the appeal window closes
secretariat-needed-under_appeal = Record the outcome of the appeal
secretariat-needed-final = Finance starts the payment
secretariat-needed-in_payment = Finance pays the award
secretariat-needed-paid = Close the claim
secretariat-needed-closed = Nothing: the claim is closed
secretariat-needed-withdrawn = Nothing: the claim was withdrawn

queue-title = Queue
queue-intro = Open claims, the overdue first, then by the next deadline.
queue-caption = Open claims by urgency
queue-filter-state = State
queue-all-states = All open states
queue-filter-button = Show
queue-truncated = There are more open claims than this page shows. Choose a state to narrow the list.
queue-none = No open claims.
