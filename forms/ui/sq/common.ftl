# The web UI's shared texts (layout, sign-in, errors, states). Every key is in every language's file of the same name (a test checks).

service-name = Kompensimi i viktimave të krimit
skip-to-main-content = Kalo te përmbajtja kryesore
service-information = Informacion për shërbimin
menu = Menyja
sign-out = Dil
language-navigation = Gjuha
footer-text = Komisioni për Kompensimin e Viktimave të Krimit. Faqet në shqip, serbisht dhe anglisht.
go-to-start = Shko te faqja e fillimit

exit-this-page = Dil nga kjo faqe
exit-this-page-emergency = Urgjencë
exit-this-page-activated = Po ngarkohet.
exit-this-page-timed-out = Dalja nga faqja skadoi.
exit-this-page-press-two-more-times = Shift, shtyp edhe 2 herë për të dalë.
exit-this-page-press-one-more-time = Shift, shtyp edhe 1 herë për të dalë.

forbidden-title = Nuk mund ta shihni këtë faqe
forbidden-body = Llogaria juaj nuk ka qasje në këtë faqe, ose formulari nuk u dërgua nga ky shërbim. Kthehuni dhe provoni përsëri.
not-found-title = Faqja nuk u gjet
not-found-body = Kontrolloni adresën ose kthehuni te faqja e fillimit.
error-title = Na vjen keq, ka një problem me shërbimin
error-body = Provoni përsëri më vonë. Asgjë që dërguat nuk humbi e as nuk u ruajt përgjysmë.
error-summary-title = Ka një problem
error-prefix = Gabim:

sign-in-title = Hyni
sign-in-username = Emri i përdoruesit
sign-in-password = Fjalëkalimi
sign-in-button = Hyni
sign-in-username-missing = Shkruani emrin e përdoruesit
sign-in-password-missing = Shkruani fjalëkalimin
sign-in-failed = Emri i përdoruesit ose fjalëkalimi është i gabuar, ose llogaria nuk është aktive
sign-in-throttled = Shumë përpjekje. Prisni një minutë dhe provoni përsëri
sign-in-no-pages = Faqet në ueb për rolin tuaj nuk janë ende gati. Përdorni API-në e përshkruar te /docs
demo-accounts-title = Llogaritë e demonstrimit
demo-accounts-hint = Fjalëkalimet e tyre u shtypën një herë në terminalin që nisi demonstrimin.
demo-accounts-roles = Rolet

role-lawyer = Avokat
role-secretariat = Sekretariati
role-commissioner = Anëtar i komisionit
role-chair = Kryesues i komisionit
role-finance_officer = Zyrtar i financave
role-finance_approver = Aprovues i financave
role-auditor = Auditor
role-admin = Administrator
role-system = Sistemi

nav-my-claims = Kërkesat e mia
nav-queue = Radha

lawyer-claims-title = Kërkesat e mia
lawyer-claims-caption = Kërkesat që përfaqësoni
lawyer-claims-none = Ende nuk përfaqësoni asnjë kërkesë.
pagination = Faqet
next-page = Faqja tjetër

column-reference = Numri
column-offence = Vepra
column-state = Gjendja
column-next-deadline = Afati i radhës
column-needed-now = Çfarë duhet tani
no-deadline = Asnjë
overdue-by-days = Vonuar { $days } ditë

deadline-filing = Paraqitja deri më { $date }
deadline-evidence = Provat deri më { $date }
deadline-decision = Vendimi deri më { $date }
deadline-appeal = Ankesa deri më { $date }
deadline-payment = Pagesa deri më { $date }

offence-trafficking_in_human_beings = Trafikimi me qenie njerëzore
offence-sexual_violence = Dhuna seksuale
offence-domestic_violence = Dhuna në familje
offence-other_violent_crime = Vepër tjetër e dhunshme

state-draft = Draft
state-submitted = E paraqitur
state-awaiting_evidence = Në pritje të provave
state-under_assessment = Në vlerësim
state-in_commission_review = Para komisionit
state-decided = E vendosur
state-under_appeal = Në ankesë
state-final = E formës së prerë
state-in_payment = Në pagesë
state-paid = E paguar
state-closed = E mbyllur
state-withdrawn = E tërhequr

lawyer-needed-draft = Plotësoni kërkesën dhe paraqiteni
lawyer-needed-submitted = Asgjë tani: sekretariati po e shqyrton kërkesën
lawyer-needed-awaiting_evidence = Ngarkoni dokumentet që kërkoi sekretariati
lawyer-needed-under_assessment = Asgjë tani: kërkesa po vlerësohet
lawyer-needed-in_commission_review = Asgjë tani: komisioni po vendos
lawyer-needed-decided = Lexoni vendimin; ankohuni para afatit nëse nuk pajtoheni
lawyer-needed-under_appeal = Asgjë tani: ankesa po shqyrtohet
lawyer-needed-final = Asgjë: vendimi është i formës së prerë
lawyer-needed-in_payment = Asgjë: kompensimi po paguhet
lawyer-needed-paid = Asgjë: kompensimi është paguar
lawyer-needed-closed = Asgjë: kërkesa është mbyllur
lawyer-needed-withdrawn = Asgjë: kërkesa është tërhequr

secretariat-needed-draft = Asgjë: kërkesa nuk është paraqitur
secretariat-needed-submitted = Kontrolloni pranueshmërinë
secretariat-needed-awaiting_evidence = Pranoni provat kur të jenë të plota
secretariat-needed-under_assessment = Regjistroni vlerësimin dhe propozoni kompensimin
secretariat-needed-in_commission_review = Komisioni voton dhe kryesuesi vendos
secretariat-needed-decided = Bëni vendimin të formës së prerë kur të mbyllet afati i ankesës
secretariat-needed-under_appeal = Regjistroni rezultatin e ankesës
secretariat-needed-final = Financat e nisin pagesën
secretariat-needed-in_payment = Financat e paguajnë kompensimin
secretariat-needed-paid = Mbyllni kërkesën
secretariat-needed-closed = Asgjë: kërkesa është mbyllur
secretariat-needed-withdrawn = Asgjë: kërkesa është tërhequr

queue-title = Radha
queue-intro = Kërkesat e hapura, së pari ato me vonesë, pastaj sipas afatit të radhës.
queue-caption = Kërkesat e hapura sipas urgjencës
queue-filter-state = Gjendja
queue-all-states = Të gjitha gjendjet e hapura
queue-filter-button = Shfaq
queue-truncated = Ka më shumë kërkesa të hapura se sa shfaq kjo faqe. Zgjidhni një gjendje për ta ngushtuar listën.
queue-none = Nuk ka kërkesa të hapura.
