# Texts of the lawyer's pages (src/web/lawyer).

lawyer-start-new-claim = Fillo një kërkesë të re
lawyer-start-title = Fillo një kërkesë të re
lawyer-start-intro = Përgjigjuni këtyre pyetjeve për të hapur kërkesën. Ajo ruhet si draft dhe pjesën tjetër mund ta plotësoni më vonë.
lawyer-start-button = Ruaj dhe vazhdo
lawyer-question-jurisdiction = Sipas cilës skemë bëhet kërkesa?
lawyer-error-jurisdiction = Zgjidhni skemën sipas së cilës bëhet kërkesa

lawyer-task-list-title = Apliko për kompensim
lawyer-task-list-saved = Përgjigjet tuaja ruhen gjatë punës. Mund t'i ktheheni kësaj kërkese nga Kërkesat e mia.
lawyer-task-victim = Viktima
lawyer-task-applicant = Parashtruesi dhe përfaqësimi
lawyer-task-offence = Vepra penale
lawyer-task-documents = Dokumentet
lawyer-task-check = Kontrollo përgjigjet dhe dorëzo
lawyer-status-completed = Përfunduar
lawyer-status-in-progress = Në proces
lawyer-status-not-started = Pa filluar
lawyer-status-cannot-start = Nuk mund të fillojë ende

lawyer-question-victim-name = Cili është emri i plotë i viktimës?
lawyer-question-victim-birth-date = Cila është data e lindjes së viktimës?
lawyer-question-victim-address = Cila është adresa e viktimës?
lawyer-question-victim-gender = Cila është gjinia e viktimës?
lawyer-question-protected-identity = A duhet të mbrohet identiteti i viktimës?
lawyer-question-applicant-kind = Kush po aplikon?
lawyer-question-applicant-name = Cili është emri i plotë i parashtruesit?
lawyer-question-language = Në cilën gjuhë duhet t'i shkruhet parashtruesit?
lawyer-question-offence-type = Çfarë lloj krimi ishte?
lawyer-question-crime-date = Kur ndodhi krimi?
lawyer-question-crime-discovered-on = Kur u zbulua krimi?
lawyer-question-trafficking-identified-on = Kur u identifikua viktima si viktimë e trafikimit?
lawyer-question-reported-to-police = A u raportua krimi në polici?

lawyer-hint-date = Për shembull, 27 3 2024
lawyer-hint-victim-gender = Përdoret vetëm për statistika anonime. Lëreni bosh nëse nuk është deklaruar.
lawyer-hint-protected-identity = Identiteti i mbrojtur u shfaqet vetëm atyre që kanë nevojë. Viktimat e trafikimit dhe fëmijët mbrohen, përveç nëse thoni ndryshe.
lawyer-hint-language = Letrat dhe vendimet dërgohen në këtë gjuhë.
lawyer-hint-crime-discovered-on = Vetëm nëse u zbulua më vonë se kur ndodhi. Për shembull, 27 3 2024
lawyer-hint-trafficking-identified-on = Vetëm për viktimat e trafikimit. Për shembull, 27 3 2024

lawyer-error-victim-name = Shkruani emrin e plotë të viktimës, deri në 200 shenja
lawyer-error-victim-birth-date = Shkruani një datë lindjeje të vërtetë, në ose para datës së krimit
lawyer-error-victim-address = Shkruani adresën e viktimës, deri në 200 shenja
lawyer-error-victim-gender = Zgjidhni gjininë e viktimës ose lëreni bosh
lawyer-error-protected-identity = Zgjidhni po nëse identiteti i viktimës duhet të mbrohet
lawyer-error-applicant-kind = Zgjidhni kush po aplikon
lawyer-error-applicant-name = Shkruani emrin e plotë të parashtruesit, deri në 200 shenja
lawyer-error-language = Zgjidhni një gjuhë në të cilën shkruan skema
lawyer-error-offence-type = Zgjidhni llojin e krimit
lawyer-error-crime-date = Shkruani një datë të vërtetë të krimit, sot ose në të kaluarën
lawyer-error-crime-discovered-on = Shkruani një datë të vërtetë zbulimi, ndërmjet krimit dhe sotit
lawyer-error-trafficking-identified-on = Shkruani një datë të vërtetë identifikimi, sot ose në të kaluarën
lawyer-error-reported-to-police = Zgjidhni po nëse krimi u raportua në polici

lawyer-applicant-kind-direct_victim = Viktima
lawyer-applicant-kind-dependant = Një person në ngarkim të viktimës së vdekur
lawyer-applicant-kind-guardian = Kujdestari i viktimës fëmijë
lawyer-gender-female = Femër
lawyer-gender-male = Mashkull
lawyer-gender-other = Tjetër
lawyer-language-sq = Shqip
lawyer-language-sr = Serbisht
lawyer-language-en = Anglisht
lawyer-yes = Po
lawyer-no = Jo
lawyer-date-day = Dita
lawyer-date-month = Muaji
lawyer-date-year = Viti

lawyer-back = Prapa
lawyer-back-to-claims = Kthehu te kërkesat e mia
lawyer-continue = Vazhdo
lawyer-save-later = Ruaj dhe kthehu më vonë
lawyer-cancel = Anulo
lawyer-warning = Paralajmërim

lawyer-check-title = Kontrolloni përgjigjet para se të dorëzoni kërkesën
lawyer-change = Ndrysho
lawyer-not-provided = Nuk është dhënë
lawyer-declaration-title = Tani dorëzoni kërkesën
lawyer-declaration = Duke dorëzuar këtë kërkesë, ju konfirmoni se, me sa dini, të dhënat që jepni janë të sakta dhe se jeni i autorizuar të veproni për parashtruesin.
lawyer-submit = Dorëzo kërkesën
lawyer-error-authority-missing = Ngarkoni dokumentin { $document } para se të dorëzoni kërkesën
lawyer-error-filing-deadline = Afati për paraqitjen e kësaj kërkese përfundoi më { $date }. Kërkojini sekretariatit ta pranojë me vonesë për arsye të justifikuar
lawyer-error-cannot-submit = Kërkesa nuk mund të dorëzohet tani

lawyer-submitted-title = Kërkesa u dorëzua
lawyer-submitted-reference = Numri i referencës së kërkesës është
lawyer-submitted-receipt = Shkarko vërtetimin e pranimit (PDF)
lawyer-submitted-next-title = Çfarë ndodh më pas
lawyer-submitted-next = Sekretariati e shqyrton kërkesën. Nëse nevojiten më shumë dokumente, faqja e kërkesës tregon cilat dhe deri kur.
lawyer-view-claim = Shiko kërkesën

lawyer-documents-title = Dokumentet
lawyer-documents-intro = Ngarkoni autorizimin, ose aktin e caktimit të kujdestarit për viktimën fëmijë, dhe çdo dokument që e mbështet kërkesën.
lawyer-documents-none = Ende nuk është ngarkuar asnjë dokument.
lawyer-documents-caption = Dokumentet në dosje
lawyer-column-document = Dokumenti
lawyer-column-uploaded = Ngarkuar
lawyer-upload-title = Ngarko një dokument
lawyer-question-document-kind = Çfarë dokumenti është?
lawyer-question-file = Zgjidhni skedarin
lawyer-hint-file = Një skedar PDF, JPEG ose PNG.
lawyer-upload-button = Ngarko
lawyer-upload-more = Ngarko dokumente
lawyer-error-kind = Zgjidhni çfarë dokumenti është
lawyer-error-file-missing = Zgjidhni një skedar për ta ngarkuar
lawyer-error-file-duplicate = Ky skedar është tashmë në kërkesë
lawyer-error-file = Skedari duhet të jetë PDF, JPEG ose PNG, jo më i madh se { $megabytes } MB
lawyer-error-request-item = Ky dokument nuk i përgjigjet asaj kërkese; ngarkojeni nga faqja e dokumenteve

lawyer-document-police_report = Raport i policisë
lawyer-document-medical_report = Raport mjekësor
lawyer-document-court_judgment = Aktgjykim i gjykatës
lawyer-document-receipt = Faturë
lawyer-document-proof_of_income = Dëshmi e të ardhurave
lawyer-document-proof_of_relationship = Dëshmi e lidhjes familjare
lawyer-document-trafficking_identification = Identifikimi si viktimë e trafikimit
lawyer-document-power_of_attorney = Autorizim
lawyer-document-guardian_appointment = Akti i caktimit të kujdestarit
lawyer-document-other = Dokument tjetër

lawyer-claim-title = Kërkesa
lawyer-evidence-title = Dokumentet që kërkoi sekretariati
lawyer-decisions-title = Vendimet
lawyer-decision-number = Vendimi { $number }
lawyer-letters-title = Letrat
lawyer-letter-receipt = Vërtetim pranimi
lawyer-letter-evidence_request = Kërkesë për dokumente
lawyer-letter-interim_award = Kompensim i përkohshëm
lawyer-letter-payment_notice = Njoftim për pagesë
lawyer-download-pdf = Shkarko si PDF:
lawyer-appeal-button = Ankohu ndaj vendimit

lawyer-appeal-title = Ankohu ndaj vendimit
lawyer-appeal-warning = Pasi të ankoheni, vendimi nuk bëhet i formës së prerë derisa të vendoset për ankesën.
lawyer-question-appeal-reason = Arsyet e ankesës (opsionale)
lawyer-appeal-confirm = Konfirmo ankesën
lawyer-error-appeal-reason = Arsyet duhet të jenë deri në 2000 shenja, pa shenja kontrolli
lawyer-error-appeal-closed = Afati i ankesës ka përfunduar, prandaj vendimi nuk mund të ankimohet më këtu
