# Texts of the lawyer's pages (src/web/lawyer).

lawyer-start-new-claim = Start a new claim
lawyer-start-title = Start a new claim
lawyer-start-intro = Answer these questions to open the claim. It is saved as a draft, and you can complete the rest later.
lawyer-start-button = Save and continue
lawyer-question-jurisdiction = Which scheme is the claim made under?
lawyer-error-jurisdiction = Select the scheme the claim is made under

lawyer-task-list-title = Apply for compensation
lawyer-task-list-saved = Your answers are saved as you go. You can come back to this claim from My claims.
lawyer-task-victim = The victim
lawyer-task-applicant = Applicant and representation
lawyer-task-offence = The offence
lawyer-task-documents = Documents
lawyer-task-check = Check answers and submit
lawyer-status-completed = Completed
lawyer-status-in-progress = In progress
lawyer-status-not-started = Not started
lawyer-status-cannot-start = Cannot start yet

lawyer-question-victim-name = What is the victim's full name?
lawyer-question-victim-birth-date = What is the victim's date of birth?
lawyer-question-victim-address = What is the victim's address?
lawyer-question-victim-gender = What is the victim's gender?
lawyer-question-protected-identity = Should the victim's identity be protected?
lawyer-question-applicant-kind = Who is applying?
lawyer-question-applicant-name = What is the applicant's full name?
lawyer-question-language = Which language should the applicant be written to in?
lawyer-question-offence-type = What kind of crime was it?
lawyer-question-crime-date = When did the crime happen?
lawyer-question-crime-discovered-on = When was the crime discovered?
lawyer-question-trafficking-identified-on = When was the victim identified as a victim of trafficking?
lawyer-question-reported-to-police = Was the crime reported to the police?

lawyer-hint-date = For example, 27 3 2024
lawyer-hint-victim-gender = Used only for anonymous statistics. Leave it blank if it was not stated.
lawyer-hint-protected-identity = A protected identity is shown only to the people who need it. Victims of trafficking and children are protected unless you say otherwise.
lawyer-hint-language = Letters and decisions are sent in this language.
lawyer-hint-crime-discovered-on = Only if it was discovered later than it happened. For example, 27 3 2024
lawyer-hint-trafficking-identified-on = Only for victims of trafficking. For example, 27 3 2024

lawyer-error-victim-name = Enter the victim's full name, up to 200 characters
lawyer-error-victim-birth-date = Enter a real date of birth, on or before the date of the crime
lawyer-error-victim-address = Enter the victim's address, up to 200 characters
lawyer-error-victim-gender = Select the victim's gender, or leave it blank
lawyer-error-protected-identity = Select yes if the victim's identity should be protected
lawyer-error-applicant-kind = Select who is applying
lawyer-error-applicant-name = Enter the applicant's full name, up to 200 characters
lawyer-error-language = Select a language the scheme writes in
lawyer-error-offence-type = Select the kind of crime
lawyer-error-crime-date = Enter a real date for the crime, today or in the past
lawyer-error-crime-discovered-on = Enter a real date of discovery, between the crime and today
lawyer-error-trafficking-identified-on = Enter a real date of identification, today or in the past
lawyer-error-reported-to-police = Select yes if the crime was reported to the police

lawyer-applicant-kind-direct_victim = The victim
lawyer-applicant-kind-dependant = A dependant of a victim who died
lawyer-applicant-kind-guardian = The guardian of a child victim
lawyer-gender-female = Female
lawyer-gender-male = Male
lawyer-gender-other = Other
lawyer-language-sq = Albanian
lawyer-language-sr = Serbian
lawyer-language-en = English
lawyer-yes = Yes
lawyer-no = No
lawyer-date-day = Day
lawyer-date-month = Month
lawyer-date-year = Year

lawyer-back = Back
lawyer-back-to-claims = Back to my claims
lawyer-continue = Continue
lawyer-save-later = Save and come back later
lawyer-cancel = Cancel
lawyer-warning = Warning

lawyer-check-title = Check your answers before submitting the claim
lawyer-change = Change
lawyer-not-provided = Not provided
lawyer-declaration-title = Now submit the claim
lawyer-declaration = By submitting this claim you confirm that, to the best of your knowledge, the details you are providing are correct, and that you are authorised to act for the applicant.
lawyer-submit = Submit the claim
lawyer-error-authority-missing = Upload the { $document } before you submit the claim
lawyer-error-filing-deadline = The time to file this claim ended on { $date }. Ask the secretariat to accept it late for good cause
lawyer-error-cannot-submit = The claim cannot be submitted now

lawyer-submitted-title = Claim submitted
lawyer-submitted-reference = The claim's reference is
lawyer-submitted-receipt = Download the receipt (PDF)
lawyer-submitted-next-title = What happens next
lawyer-submitted-next = The secretariat checks the claim. If they need more documents, the claim's page says which, and by when.
lawyer-view-claim = View the claim

lawyer-documents-title = Documents
lawyer-documents-intro = Upload the power of attorney, or the guardian's appointment for a child victim, and any documents that support the claim.
lawyer-documents-none = No documents uploaded yet.
lawyer-documents-caption = Documents on file
lawyer-column-document = Document
lawyer-column-uploaded = Uploaded
lawyer-upload-title = Upload a document
lawyer-question-document-kind = What is the document?
lawyer-question-file = Choose the file
lawyer-hint-file = A PDF, JPEG or PNG file.
lawyer-upload-button = Upload
lawyer-upload-more = Upload documents
lawyer-error-kind = Select what the document is
lawyer-error-file-missing = Choose a file to upload
lawyer-error-file-duplicate = This file is already on the claim
lawyer-error-file = The file must be a PDF, JPEG or PNG, no larger than { $megabytes } MB
lawyer-error-request-item = This document does not answer that request; upload it from the documents page

lawyer-document-police_report = Police report
lawyer-document-medical_report = Medical report
lawyer-document-court_judgment = Court judgment
lawyer-document-receipt = Receipt
lawyer-document-proof_of_income = Proof of income
lawyer-document-proof_of_relationship = Proof of relationship
lawyer-document-trafficking_identification = Identification as a victim of trafficking
lawyer-document-power_of_attorney = Power of attorney
lawyer-document-guardian_appointment = Appointment of the guardian
lawyer-document-other = Other document

lawyer-claim-title = Claim
lawyer-evidence-title = Documents the secretariat asked for
lawyer-decisions-title = Decisions
lawyer-decision-number = Decision { $number }
lawyer-letters-title = Letters
lawyer-letter-receipt = Receipt
lawyer-letter-evidence_request = Request for documents
lawyer-letter-interim_award = Interim award
lawyer-letter-payment_notice = Payment notice
lawyer-download-pdf = Download as PDF:
lawyer-appeal-button = Appeal the decision

lawyer-appeal-title = Appeal the decision
lawyer-appeal-warning = Once you appeal, the decision does not become final until the appeal is decided.
lawyer-question-appeal-reason = Reasons for the appeal (optional)
lawyer-appeal-confirm = Confirm the appeal
lawyer-error-appeal-reason = Keep the reasons to 2000 characters, without control characters
lawyer-error-appeal-closed = The appeal window has closed, so the decision can no longer be appealed here
