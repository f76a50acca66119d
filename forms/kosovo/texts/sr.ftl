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

document-police_report = Полицијски извештај
document-medical_report = Медицински извештај
document-court_judgment = Судска пресуда
document-receipt = Рачуни о трошковима
document-proof_of_income = Доказ о приходима
document-proof_of_relationship = Доказ о сродству са жртвом
document-trafficking_identification = Одлука о идентификацији жртве трговине људима
document-power_of_attorney = Пуномоћје
document-guardian_appointment = Решење о постављењу старатеља
document-other = Други документ

appeal-body-court = надлежном суду
appeal-body-ombudsperson = Институцији Омбудсмана

# Одлуке и дописи.
page-of = Страна { $page } од { $pages }
label-date = Датум
label-claim-reference = Број захтева
label-schedule = Табела накнада
label-applicant = Подносилац
label-representative = Заступник
label-victim = Жртва
label-offence = Кривично дело
identity-masked-note = Идентитет жртве је заштићен: имена су приказана иницијалима.
decision-title = Одлука
decision-number = Бр. { $number }
section-facts = Утврђене чињенице
fact-lodged = Захтев је поднет { $date }.
fact-crime = Кривично дело је извршено { $date }.
fact-offence = Кривично дело: { $offence }.
section-outcome = Комисија одлучује
outcome-award = Комисија подносиоцу досуђује накнаду од { $amount }.
outcome-partial-award = Комисија подносиоцу досуђује накнаду од { $amount }, део траженог износа.
outcome-rejected = Комисија одбија захтев.
outcome-inadmissible = Комисија захтев проглашава недопуштеним.
outcome-reason = Образложење: { $reason }
section-calculation = Обрачун накнаде
column-head = Врста штете
column-explanation = Како је процењено
column-claimed = Тражено
column-allowed = Признато
calculation-gross = Укупно признато
calculation-limited = После најмањег и највећег износа
calculation-offsets = Одбијене исплате из других извора
calculation-reduction = Умањење
calculation-interim = Одбијене привремене накнаде
calculation-total = Укупно досуђено
section-vote = Гласање
vote-summary = Присутних чланова: { $present }. Изузетих: { $recused }. За: { $approve }. Против: { $reject }.
vote-dissent = Издвојено мишљење
section-appeal = Право на жалбу
appeal-route = Подносилац може изјавити жалбу против ове одлуке { $body } најкасније до { $date }.
signature-chair = Председавајући Комисије
verification-code = Код за проверу: { $code }
verification-url = Проверите веродостојност овог документа на { $url }
letter-signature = Секретаријат Комисије
letter-receipt-title = Потврда о пријему захтева
letter-receipt-body = Комисија је примила ваш захтев { $date } и завела га под бројем { $reference }.
letter-receipt-next = Проверићемо да ли је допуштен и обавестићемо вас ако су потребни додатни документи.
letter-evidence-title = Захтев за достављање докумената
letter-evidence-body = Да бисмо размотрили ваш захтев, потребни су нам следећи документи до { $date }:
letter-evidence-after = Ако не стигну до тог датума, Комисија ће одлучити на основу доказа којима располаже. Молимо наведите број { $reference } уз сваки документ.
letter-interim-title = Привремена накнада
letter-interim-body = Комисија вам је { $date } досудила привремену накнаду од { $amount } за хитне потребе.
letter-interim-deducted = Привремена накнада биће одбијена од коначне накнаде.
letter-payment-title = Обавештење о исплати
letter-payment-body = Исплата од { $amount } по вашем захтеву извршена је { $date }.
letter-payment-total = Са овом исплатом исплаћено је { $paid } од досуђене накнаде од { $award }.

# Како је процењена ставка обрачуна, фраза по фраза (раздвојене са "; ").
explanation-claimed = тражено { $amount }
explanation-claimed-several = тражених износа: { $count }, укупно { $amount }
explanation-fixed-payment = примењује се фиксна исплата од { $amount }
explanation-capped-at = ограничено на { $amount }
explanation-within-cap = признато у целости, у границама од { $amount }
explanation-paid-in-full = признато у целости
explanation-for-class = подносилац: { $class }
explanation-injury = повреда бр. { $rank } по вредности: { $percent } од { $amount }
explanation-injury-not-counted = повреда бр. { $rank } по вредности: не рачуна се, рачунају се само највредније повреде, њих { $counted }
explanation-weeks-at-rate = { $weeks } × { $rate } недељно
explanation-unpaid-weeks = без исплате за прве недеље: { $weeks }
explanation-maximum-weeks = највише плаћених недеља: { $weeks }
explanation-weeks-paid = плаћених недеља: { $weeks }, { $amount }
explanation-sole-person = једино лице које испуњава услове: { $amount }
explanation-persons-each = лица која испуњавају услове: { $count } × { $each } = { $amount }
explanation-years-until-age = године до навршене { $age }. године: { $years } × { $yearly } годишње, сразмерно за делове године = { $amount }
explanation-below-minimum-refused = захтев вреди { $worth }, мање од минимума од { $minimum }: накнада се не додељује
explanation-below-minimum-raised = захтев вреди { $worth }, мање од минимума од { $minimum }: повећано на минимум
explanation-above-maximum = захтев вреди { $worth }, више од максимума од { $maximum }: ставке се исплаћују редом { $heads }
