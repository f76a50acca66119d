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

document-police_report = Raporti i policisë
document-medical_report = Raporti mjekësor
document-court_judgment = Aktgjykimi i gjykatës
document-receipt = Faturat e shpenzimeve
document-proof_of_income = Dëshmia e të ardhurave
document-proof_of_relationship = Dëshmia e lidhjes me viktimën
document-trafficking_identification = Vendimi për identifikimin e viktimës së trafikimit
document-power_of_attorney = Autorizimi
document-guardian_appointment = Vendimi për caktimin e kujdestarit
document-other = Dokument tjetër

appeal-body-court = gjykatën kompetente
appeal-body-ombudsperson = Institucionit të Avokatit të Popullit

# Vendimet dhe letrat.
page-of = Faqja { $page } nga { $pages }
label-date = Data
label-claim-reference = Numri i kërkesës
label-schedule = Tabela e kompensimit
label-applicant = Parashtruesi
label-representative = Përfaqësuesi
label-victim = Viktima
label-offence = Vepra penale
identity-masked-note = Identiteti i viktimës është i mbrojtur: emrat shfaqen me inicialet.
decision-title = Vendim
decision-number = Nr. { $number }
section-facts = Faktet e vërtetuara
fact-lodged = Kërkesa është paraqitur më { $date }.
fact-crime = Vepra penale është kryer më { $date }.
fact-offence = Vepra penale: { $offence }.
section-outcome = Komisioni vendos
outcome-award = Komisioni i njeh parashtruesit kompensim prej { $amount }.
outcome-partial-award = Komisioni i njeh parashtruesit kompensim prej { $amount }, pjesë e shumës së kërkuar.
outcome-rejected = Komisioni e refuzon kërkesën.
outcome-inadmissible = Komisioni e shpall kërkesën të papranueshme.
outcome-reason = Arsyetimi: { $reason }
section-calculation = Llogaritja e kompensimit
column-head = Lloji i dëmit
column-explanation = Si është vlerësuar
column-claimed = Kërkuar
column-allowed = Njohur
calculation-gross = Gjithsej e njohur
calculation-limited = Pas shumës minimale dhe maksimale
calculation-offsets = Pagesat nga burime të tjera të zbritura
calculation-reduction = Zvogëlimi
calculation-interim = Kompensimet e përkohshme të zbritura
calculation-total = Gjithsej kompensimi
section-vote = Votimi
vote-summary = Anëtarë të pranishëm: { $present }. Të përjashtuar: { $recused }. Për: { $approve }. Kundër: { $reject }.
vote-dissent = Mendim i kundërt
section-appeal = E drejta e ankesës
appeal-route = Parashtruesi mund të ankohet kundër këtij vendimi në { $body } jo më vonë se { $date }.
signature-chair = Kryesuesi i Komisionit
verification-code = Kodi i verifikimit: { $code }
verification-url = Vërtetoni që ky dokument është origjinal në { $url }
letter-signature = Sekretariati i Komisionit
letter-receipt-title = Konfirmim i pranimit të kërkesës
letter-receipt-body = Komisioni e ka pranuar kërkesën tuaj më { $date } dhe e ka regjistruar me numrin { $reference }.
letter-receipt-next = Do të shqyrtojmë nëse është e pranueshme dhe do t’ju njoftojmë nëse nevojiten dokumente të tjera.
letter-evidence-title = Kërkesë për dokumente
letter-evidence-body = Për të shqyrtuar kërkesën tuaj na nevojiten dokumentet e mëposhtme deri më { $date }:
letter-evidence-after = Nëse nuk arrijnë deri në këtë datë, Komisioni do të vendosë mbi provat që ka. Ju lutemi shënoni numrin { $reference } në çdo dokument.
letter-interim-title = Kompensim i përkohshëm
letter-interim-body = Më { $date } Komisioni ju ka njohur kompensim të përkohshëm prej { $amount } për nevoja urgjente.
letter-interim-deducted = Kompensimi i përkohshëm do të zbritet nga kompensimi përfundimtar.
letter-payment-title = Njoftim për pagesë
letter-payment-body = Më { $date } ju është paguar një shumë prej { $amount } për kërkesën tuaj.
letter-payment-total = Me këtë pagesë janë paguar { $paid } nga kompensimi prej { $award }.

# Si është vlerësuar një rresht i llogaritjes, frazë pas fraze (të ndara me "; ").
explanation-claimed = kërkuar { $amount }
explanation-claimed-several = shuma të kërkuara: { $count }, gjithsej { $amount }
explanation-fixed-payment = zbatohet pagesa fikse prej { $amount }
explanation-capped-at = kufizuar në { $amount }
explanation-within-cap = pranuar plotësisht, brenda kufirit prej { $amount }
explanation-paid-in-full = pranuar plotësisht
explanation-for-class = kërkuesi: { $class }
explanation-injury = lëndimi nr. { $rank } sipas vlerës: { $percent } e { $amount }
explanation-injury-not-counted = lëndimi nr. { $rank } sipas vlerës: nuk llogaritet, llogariten vetëm { $counted } lëndimet më të vlefshme
explanation-weeks-at-rate = { $weeks } × { $rate } në javë
explanation-unpaid-weeks = pa pagesë për javët e para: { $weeks }
explanation-maximum-weeks = javë të paguara më së shumti: { $weeks }
explanation-weeks-paid = javë të paguara: { $weeks }, { $amount }
explanation-sole-person = një person i vetëm që kualifikohet: { $amount }
explanation-persons-each = persona që kualifikohen: { $count } × { $each } = { $amount }
explanation-years-until-age = vite deri në moshën { $age }: { $years } × { $yearly } në vit, proporcionalisht për pjesë viti = { $amount }
explanation-below-minimum-refused = kërkesa vlen { $worth }, më pak se minimumi prej { $minimum }: nuk jepet kompensim
explanation-below-minimum-raised = kërkesa vlen { $worth }, më pak se minimumi prej { $minimum }: rritet në minimum
explanation-above-maximum = kërkesa vlen { $worth }, më shumë se maksimumi prej { $maximum }: zërat paguhen sipas radhës { $heads }
