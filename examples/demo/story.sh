# The story of the demo fund, January to June 2026 (and the July forum that
# closes the second quarter): every command `fondo demo`
# runs, in order. Each one is an ordinary fondo command, run as its own
# process through the same code as when you type it.
#
# `fondo demo` runs these lines in a folder holding the files they name (it
# writes them out of the binary), with --db set to the new fund. To run the
# story by hand instead, with fondo on your PATH:
#
#     cd examples/demo && FONDO_DB=/tmp/barrio.db sh -e story.sh
#
# Every command gives its date (--date, --at, --from), so the books and their
# fingerprint come out the same on every run. The file holds only `fondo`
# lines, comments and blank lines; a line ending in a backslash goes on on the
# next line.

# --- The fund, its units and pools, and the books carried over from 2025 ------

fondo init --name "Barrio Solidarity Fund" --currency USD
fondo commodity add HOURS --decimals 1 --name "volunteer hours"
fondo commodity add KG-RICE --decimals 1 --name "rice, in kilograms"
fondo commodity add BLANKETS --decimals 0 --name "winter blankets"
fondo pool add housing --purpose "Rent relief for families facing eviction" \
    --guidelines "Up to three months' rent per family"
fondo pool add food --purpose "Groceries, the weekly food bank and the community kitchen"
fondo pool add "rapid response" --purpose "Emergencies: a night's shelter, medicine, a bus fare" \
    --guidelines "Small amounts, decided within a day"
# Opening balances per pool, and January's costs, from the old spreadsheet.
fondo journal import opening-2026.csv
fondo account add assets:opencollective:usd --note "Open Collective balance"
fondo setting set contribution-account assets:bank:usd
fondo setting set max-term-months.steward 6
fondo setting set max-term-months.treasurer 6
fondo rate add 2026-01-01 EUR USD 1.0850 --source ECB
fondo rate add 2026-01-01 MXN USD 0.0560 --source Banxico

# --- Members: public, pseudonymous (a pseudonym in public reports), anonymous --

fondo member add Ana --contact "ana@barrio.example"
fondo member add Bruno
fondo member add Carmen
fondo member add Dario
fondo member add Elena --contact "+1 555 0142"
fondo member add Felipe
fondo member add Gabriela --visibility pseudonymous --note "prefers not to be named outside the fund"
fondo member add "Familia Ortega" --visibility pseudonymous
fondo member add "Cocina Común" --visibility pseudonymous --note "runs the community kitchen"
fondo member add "Solidarität Berlin" --note "sister fund; gives through the euro account"
fondo member add Luis --visibility anonymous
fondo member add Marta --visibility anonymous

# Ana keeps the books until March, then Elena; Gabriela hands her steward seat
# to Ana on 1 April. Bruno has been a steward since July 2025: past the fund's
# six-month limit, which `fondo role list` flags.
fondo role assign Ana treasurer --from 2026-01-01 --until 2026-03-31
fondo role assign Elena treasurer --from 2026-04-01 --until 2026-09-30
fondo role assign Bruno steward --from 2025-07-01 --until 2026-06-30
fondo role assign Carmen steward --from 2026-01-01 --until 2026-06-30
fondo role assign Dario steward --from 2026-01-01 --until 2026-06-30
fondo role assign Felipe steward --from 2026-01-01 --until 2026-06-30
fondo role assign Gabriela steward --from 2026-01-01 --until 2026-03-31
fondo role assign Ana steward --from 2026-04-01 --until 2026-09-30
fondo role assign Luis member --from 2026-01-01
fondo role assign Marta member --from 2026-01-01

fondo pledge add Bruno 25.00 USD --every month --from 2026-01-01 --pool housing
fondo pledge add Elena 100.00 USD --every quarter --from 2026-01-01
fondo pledge add "Solidarität Berlin" 600.00 EUR --every quarter --from 2026-01-01 --pool food
fondo pledge add "Cocina Común" 50.00 USD --every month --from 2026-01-01 --pool food

# --- The January assembly: how each pool decides (small requests by lazy -----
# --- consensus, larger ones by majority), a relation to recuse from, budgets --

fondo policy set housing --rule lazy --window 48h --max-amount 200 USD \
    --reason "assembly of 2026-01-10: small requests pass unless a steward objects" --at 2026-01-10T18:00
fondo policy set housing --rule majority --quorum 3 --threshold 0.5 --window 7d \
    --reason "assembly of 2026-01-10: larger requests by majority" --at 2026-01-10T18:05
fondo policy set food --rule lazy --window 48h --max-amount 300 USD \
    --reason "assembly of 2026-01-10" --at 2026-01-10T18:10
fondo policy set food --rule majority --quorum 3 --threshold 0.5 --window 7d \
    --reason "assembly of 2026-01-10" --at 2026-01-10T18:15
fondo policy set "rapid response" --rule lazy --min-consents 1 --window 24h --max-amount 150 USD \
    --reason "assembly of 2026-01-10: one steward's yes, nobody's no" --at 2026-01-10T18:20
fondo policy set "rapid response" --rule lazy --min-consents 1 --window 24h --max-amount 3000 MXN \
    --reason "assembly of 2026-01-10: the same for the cash box" --at 2026-01-10T18:25
fondo policy set "rapid response" --rule majority --quorum 2 --threshold 0.5 --window 72h \
    --reason "assembly of 2026-01-10" --at 2026-01-10T18:30
fondo member relate Carmen Dario --reason "siblings" --at 2026-01-10T18:40
fondo budget set housing rent 1200.00 USD --period 2026-Q1
fondo budget set general operations 400.00 USD --period 2026-Q1
fondo contribute 85.00 USD --anonymous --date 2026-01-10 --memo "collection at the January assembly"
fondo contribute 60.00 USD --from Ana --date 2026-01-10 --memo "yearly dues"
fondo contribute 25.00 USD --from Bruno --pool housing --date 2026-01-10

# --- January ------------------------------------------------------------------

# G-0001: a small, urgent request, approved by lazy consensus.
fondo grant apply --applicant "Familia Ortega" --pool housing --amount 180.00 USD \
    --purpose "Electricity bill before the cut-off" --category utilities --needed-by 2026-01-22 --at 2026-01-19T09:00
fondo grant decide G-0001 --at 2026-01-21T09:00
fondo grant pay G-0001 180.00 USD --from-account assets:bank:usd --reference "transfer 6012" --at 2026-01-21T11:00
fondo grant spend G-0001 180.00 USD --category utilities --receipt "power company 0119" --at 2026-01-26T10:00
fondo grant close G-0001 --reason "paid and reported in full" --at 2026-01-30T10:00
fondo contribute 24 BLANKETS --anonymous --pool "rapid response" --date 2026-01-24
fondo contribute 200.00 USD --from Marta --pool housing --date 2026-01-28
fondo give 18 BLANKETS --pool "rapid response" --date 2026-01-31 --memo "cold-weather shelter"

# --- February -----------------------------------------------------------------

# G-0002: a steward's own request. Carmen, and her brother Dario, recuse;
# Gabriela objects, with a reason; the majority approves once all three
# eligible stewards have voted. Two tranches, two receipts, 40 USD back.
fondo grant apply --applicant Carmen --pool housing --amount 600.00 USD \
    --purpose "Two months' rent after losing her job" --category rent --at 2026-02-02T10:00
fondo grant vote G-0002 consent --as Bruno --at 2026-02-02T18:00
fondo grant vote G-0002 object --as Gabriela --reason "the landlord's letter is missing" --at 2026-02-03T09:00
fondo grant vote G-0002 consent --as Felipe --reason "the letter was shown at the assembly" --at 2026-02-04T20:00
fondo grant decide G-0002 --at 2026-02-04T20:30
fondo contribute 12.0 HOURS --from Elena --kind legal-assistance --date 2026-02-03 --memo "tenancy advice"
fondo grant pay G-0002 300.00 USD --from-account assets:bank:usd --reference "transfer 6020" --at 2026-02-05T10:00
fondo contribute 100.00 USD --from Elena --date 2026-02-05
fondo post "Storage room rent, February and March" --date 2026-02-06 \
    -p "expenses:operations:storage=240.00 USD" -p assets:bank:usd --payee "Casa Vecinal" --reference INV-2026-02
fondo contribute 60.0 KG-RICE --from "Cocina Común" --pool food --date 2026-02-07
fondo contribute 25.00 USD --from Bruno --pool housing --date 2026-02-10
fondo grant spend G-0002 280.00 USD --category rent --receipt "landlord receipt 02/2026" --at 2026-02-10T09:00
fondo contribute 1500.00 MXN --anonymous --pool "rapid response" --into assets:cash:mxn --date 2026-02-14 \
    --memo "collection box at the Saturday market"
fondo give 45.0 KG-RICE --pool food --date 2026-02-21 --memo "weekly baskets, February"

# --- March --------------------------------------------------------------------

fondo contribute 16.0 HOURS --from Felipe --kind food-bank --pool food --date 2026-03-01
# G-0003: from the cash box, in pesos: lazy consensus with one steward's consent.
fondo grant apply --applicant Luis --pool "rapid response" --amount 2500.00 MXN \
    --purpose "A week's shelter and the bus home after an eviction" --category shelter --at 2026-03-03T08:00
fondo grant vote G-0003 consent --as Dario --at 2026-03-03T10:00
fondo grant decide G-0003 --at 2026-03-04T08:00
fondo grant pay G-0003 2500.00 MXN --from-account assets:cash:mxn --at 2026-03-04T09:00
fondo grant pay G-0002 300.00 USD --from-account assets:bank:usd --reference "transfer 6041" --at 2026-03-05T10:00
fondo contribute 25.00 USD --from Bruno --pool housing --date 2026-03-10
fondo grant spend G-0002 280.00 USD --category rent --receipt "landlord receipt 03/2026" --at 2026-03-10T09:00
fondo grant spend G-0003 1400.00 MXN --category shelter --receipt "Hostal Norte 112" --at 2026-03-10T12:00
fondo grant spend G-0003 1100.00 MXN --category transport --receipt "bus tickets" --at 2026-03-10T12:05
fondo grant close G-0003 --reason "spent as planned" --at 2026-03-12T10:00
fondo contribute 25.0 KG-RICE --anonymous --pool food --date 2026-03-14
# G-0004: a small request, stopped by one objection.
fondo grant apply --applicant Marta --pool housing --amount 150.00 USD \
    --purpose "A moving van" --category moving --at 2026-03-16T10:00
fondo grant vote G-0004 object --as Felipe --reason "the food bank lends its van for free" --at 2026-03-16T15:00
fondo grant decide G-0004 --at 2026-03-18T10:00
fondo grant close G-0002 --return 40.00 USD --to-account assets:bank:usd \
    --reason "the landlord lowered the rent" --at 2026-03-20T10:00
fondo contribute 6.5 HOURS --from Luis --kind translation --date 2026-03-20
fondo give 50.0 KG-RICE --pool food --date 2026-03-28 --memo "weekly baskets, March"

# The quarter's statements: the euro account (decimal commas, day-first dates)
# and Open Collective (fees in their own columns). The bank's fees are money
# going out, which an import skips: they are posted by hand. Then the food
# pool's euros are changed into dollars.
fondo import contributions bank-eur-2026-q1.csv --map ../maps/eu-bank.toml
fondo import contributions opencollective-2026-q1.csv --map ../maps/opencollective.toml
fondo post "Bank fees, first quarter" --date 2026-03-31 \
    -p "expenses:operations:fees=17.70 EUR" -p assets:bank:eur --reference "Kontoführung 1. Quartal"
fondo exchange 1000.00 EUR --to-amount 1072.00 USD --from-account assets:bank:eur \
    --to-account assets:bank:usd --pool food --fee 4.00 EUR --date 2026-03-31
fondo rate add 2026-03-31 EUR USD 1.0720 --source "the bank's rate on the exchange"
fondo rate add 2026-03-31 MXN USD 0.0575 --source Banxico

# --- April: new treasurer and steward; the April assembly ---------------------

fondo post "Storage room rent, April to June" --date 2026-04-06 \
    -p "expenses:operations:storage=360.00 USD" -p assets:bank:usd --payee "Casa Vecinal" --reference INV-2026-04
fondo post "Payout from Open Collective" --date 2026-04-08 \
    -p "assets:bank:usd=240.00 USD" -p assets:opencollective:usd --reference "OC payout 2026-04"
fondo contribute 25.00 USD --from Bruno --pool housing --date 2026-04-10
fondo policy set housing --rule lazy --window 72h --max-amount 200 USD \
    --reason "assembly of 2026-04-11: three days to object, for stewards who work weekends" --at 2026-04-11T18:00
fondo pool move 300.00 USD --from general --to "rapid response" --date 2026-04-11 \
    --reason "assembly of 2026-04-11: the emergency pool ran low"
fondo budget set housing rent 1200.00 USD --period 2026-Q2
fondo budget set food groceries 800.00 USD --period 2026-Q2
fondo budget set general operations 450.00 USD --period 2026-Q2
fondo contribute 112.00 USD --anonymous --date 2026-04-11 --memo "collection at the April assembly"
fondo contribute 4.0 HOURS --anonymous --kind childcare --date 2026-04-11 --memo "during the April assembly"
# The assembly approved the first quarter's books: nothing dated in it can
# change any more, unless the quarter is reopened (and that is recorded).
fondo period close 2026-Q1 --reason "books approved at the April assembly of 2026-04-11" --at 2026-04-11T20:00
# G-0005: groceries for the kitchen, by majority; everyone votes, so it passes early.
fondo grant apply --applicant "Cocina Común" --pool food --amount 450.00 USD \
    --purpose "Groceries for the community kitchen, April and May" --category groceries --at 2026-04-13T10:00
fondo grant vote G-0005 consent --as Ana --at 2026-04-13T12:00
fondo grant vote G-0005 consent --as Bruno --at 2026-04-13T13:00
fondo grant vote G-0005 consent --as Carmen --at 2026-04-13T19:00
fondo grant vote G-0005 abstain --as Dario --reason "I cook in that kitchen" --at 2026-04-14T08:00
fondo grant vote G-0005 consent --as Felipe --at 2026-04-14T19:30
fondo grant decide G-0005 --at 2026-04-14T20:00
fondo grant pay G-0005 450.00 USD --from-account assets:bank:usd --reference "transfer 6077" --at 2026-04-15T10:00
# G-0006: three months' arrears, by majority; Felipe does not vote, so the
# decision waits for the window to close.
fondo grant apply --applicant "Familia Ortega" --pool housing --amount 900.00 USD \
    --purpose "Three months' rent arrears, to stop an eviction" --category rent --at 2026-04-20T10:00
fondo grant vote G-0006 consent --as Ana --at 2026-04-20T12:00
fondo grant vote G-0006 consent --as Bruno --at 2026-04-21T09:00
fondo grant vote G-0006 abstain --as Carmen --at 2026-04-22T18:00
fondo grant vote G-0006 consent --as Dario --at 2026-04-23T20:00
fondo grant decide G-0006 --at 2026-04-24T10:00
fondo grant decide G-0006 --at 2026-04-27T10:00
fondo grant pay G-0006 450.00 USD --from-account assets:bank:usd --reference "transfer 6090" --at 2026-04-28T10:00
fondo grant spend G-0006 450.00 USD --category rent --receipt "landlord receipt 04/2026" --at 2026-04-30T09:00

# --- April: the first pooled purchase -----------------------------------------

# Five groups buy rice, beans and oil together from a cooperative, by the case;
# the food pool pays 20 %. The rice comes 5 kg short; the truck is split by
# value, the sacks by units; the shares are rounded to the cent once each and
# the cent left over is posted to its own account. docs/purchasing.md works the
# same figures through by hand.
fondo commodity add KG-BEANS --decimals 0 --name "beans, in kilograms"
fondo member add "Huerta Norte" --note "the community garden's collective"
fondo purchase open rice-april --supplier "Cooperativa El Arrozal" --closes 2026-04-10T18:00 \
    --pool food --at 2026-04-01T09:00
fondo purchase item add rice-april rice --unit-price 1.10 USD --case 25 --unit KG-RICE \
    --reference-price 1.45 USD --at 2026-04-01T09:05
fondo purchase item add rice-april beans --unit-price 1.80 USD --case 10 --unit KG-BEANS \
    --reference-price 2.40 USD --at 2026-04-01T09:05
fondo purchase item add rice-april "cooking oil" --unit-price 3.20 USD --case 12 \
    --reference-price 4.00 USD --at 2026-04-01T09:05
fondo purchase order rice-april rice 30 --group "Cocina Común" --tolerance 10 --at 2026-04-02T10:00
fondo purchase order rice-april rice 12 --group "Familia Ortega" --tolerance 5 --at 2026-04-02T11:00
fondo purchase order rice-april rice 20 --group "Huerta Norte" --at 2026-04-03T09:00
fondo purchase order rice-april rice 8 --group Ana --tolerance 4 --at 2026-04-03T12:00
fondo purchase order rice-april rice 7 --group Bruno --at 2026-04-04T08:00
fondo purchase order rice-april beans 15 --group "Cocina Común" --tolerance 5 --at 2026-04-04T09:00
fondo purchase order rice-april beans 6 --group "Familia Ortega" --tolerance 2 --at 2026-04-05T09:00
fondo purchase order rice-april beans 4 --group Ana --at 2026-04-05T10:00
fondo purchase order rice-april "cooking oil" 6 --group "Huerta Norte" --tolerance 3 --at 2026-04-06T10:00
fondo purchase order rice-april "cooking oil" 4 --group Bruno --tolerance 2 --at 2026-04-06T11:00
fondo purchase order rice-april "cooking oil" 2 --group "Familia Ortega" --at 2026-04-07T11:00
# Ortega raises its oil to 3, and so goes to the back of the oil queue.
fondo purchase order rice-april "cooking oil" 3 --group "Familia Ortega" --at 2026-04-08T11:00
fondo purchase close rice-april --at 2026-04-10T18:00
fondo purchase receive rice-april rice 70 --date 2026-04-15
fondo purchase receive rice-april beans 30 --date 2026-04-15
fondo purchase receive rice-april "cooking oil" 12 --date 2026-04-15
fondo purchase cost rice-april 25.00 USD --split value --reason "truck from the cooperative" \
    --at 2026-04-15T12:00
fondo purchase cost rice-april 5.00 USD --split units --reason "sacks" --at 2026-04-15T12:05
# The April assembly agreed to pay the subsidy, so the food pool's grants
# planned for June keep their money.
fondo pool move 40.00 USD --from general --to food --date 2026-04-11 \
    --reason "assembly of 2026-04-11: the pooled purchase's 20 % subsidy"
fondo purchase settle rice-april --invoice 169.40 USD --from-account assets:bank:usd \
    --subsidy 20% --date 2026-04-16
fondo purchase distribute rice-april --date 2026-04-18
fondo purchase pay rice-april --group "Cocina Común" 65.13 USD --into assets:bank:usd --date 2026-04-20
fondo purchase pay rice-april --group Ana 10.00 USD --into assets:bank:usd --date 2026-04-20

# --- May ----------------------------------------------------------------------

fondo grant spend G-0005 430.00 USD --category groceries --receipt "Mercado Central 0412" --at 2026-05-02T10:00
# G-0007: school lunches, by lazy consensus.
fondo grant apply --applicant Marta --pool food --amount 120.00 USD \
    --purpose "School lunches for two children" --category groceries --at 2026-05-04T09:00
fondo grant decide G-0007 --at 2026-05-06T09:00
fondo grant pay G-0007 120.00 USD --from-account assets:bank:usd --at 2026-05-06T10:00
fondo contribute 100.00 USD --from Elena --date 2026-05-06
fondo contribute 80.0 KG-RICE --from "Cocina Común" --pool food --date 2026-05-09
fondo contribute 25.00 USD --from Bruno --pool housing --date 2026-05-10
# The printer's bill for the March flyers turns up: the stewards reopen the
# first quarter for it, the treasurer enters it, and they close it again.
fondo period reopen 2026-Q1 --reason "the printer's bill for the March flyers was left out" --at 2026-05-11T18:00
fondo post "Printing the March flyers" --date 2026-03-20 \
    -p "expenses:operations:printing=12.00 USD" -p assets:bank:usd --payee "Copias Rápidas" --reference R-1298
fondo period close 2026-Q1 --reason "corrected; approved again by the stewards on 2026-05-11" --at 2026-05-11T19:00
fondo post "Printing the half-year report" --date 2026-05-12 \
    -p "expenses:operations:printing=45.00 USD" -p assets:bank:usd --payee "Copias Rápidas" --reference R-1342
fondo contribute 9.5 HOURS --from Elena --kind legal-assistance --date 2026-05-14 --memo "eviction hearing"
fondo grant spend G-0007 120.00 USD --category groceries --receipt "school canteen, May" --at 2026-05-15T10:00
fondo contribute 2000.00 MXN --anonymous --pool "rapid response" --into assets:cash:mxn --date 2026-05-16 \
    --memo "collection box at the Saturday market"
fondo grant close G-0007 --reason "paid and reported in full" --at 2026-05-20T10:00
fondo give 70.0 KG-RICE --pool food --date 2026-05-23 --memo "weekly baskets, May"
fondo grant pay G-0006 450.00 USD --from-account assets:bank:usd --reference "transfer 6131" --at 2026-05-28T10:00
fondo grant spend G-0006 450.00 USD --category rent --receipt "landlord receipt 05/2026" --at 2026-05-30T09:00

# --- June ---------------------------------------------------------------------

fondo grant close G-0006 --reason "arrears cleared; the eviction was stopped" --at 2026-06-01T10:00
fondo contribute 50.00 USD --from Dario --pool "rapid response" --date 2026-06-01
# G-0008: medicine, by lazy consensus with one consent; paid, partly reported.
fondo grant apply --applicant Luis --pool "rapid response" --amount 140.00 USD \
    --purpose "Medicine after an injury at work" --category medicine --at 2026-06-02T07:00
fondo grant vote G-0008 consent --as Felipe --at 2026-06-02T09:00
fondo grant decide G-0008 --at 2026-06-03T07:00
fondo grant pay G-0008 140.00 USD --from-account assets:bank:usd --at 2026-06-03T08:00
fondo grant spend G-0008 95.00 USD --category medicine --receipt "Farmacia del Pueblo 5521" --at 2026-06-05T12:00
fondo contribute 20.0 HOURS --from Felipe --kind food-bank --pool food --date 2026-06-06
# G-0009: the summer food bank, by majority over Dario's objection; half is
# paid now, the rest stays committed.
fondo grant apply --applicant "Cocina Común" --pool food --amount 600.00 USD \
    --purpose "The summer food bank, June and July" --category groceries --at 2026-06-08T10:00
fondo grant vote G-0009 consent --as Ana --at 2026-06-08T12:00
fondo grant vote G-0009 consent --as Bruno --at 2026-06-08T18:00
fondo grant vote G-0009 consent --as Carmen --at 2026-06-09T09:00
fondo grant vote G-0009 object --as Dario --reason "pay half now and half after the July assembly" --at 2026-06-09T20:00
fondo grant vote G-0009 consent --as Felipe --at 2026-06-10T19:00
fondo grant decide G-0009 --at 2026-06-10T20:00
fondo grant pay G-0009 300.00 USD --from-account assets:bank:usd --reference "transfer 6158" --at 2026-06-11T10:00
# G-0010: withdrawn before anyone voted.
fondo grant apply --applicant "Familia Ortega" --pool housing --amount 90.00 USD \
    --purpose "A locksmith after a break-in" --category repairs --at 2026-06-15T10:00
fondo grant withdraw G-0010 --reason "the landlord paid for it" --at 2026-06-16T09:00
fondo give 4 BLANKETS --pool "rapid response" --date 2026-06-20 --memo "emergency night shelter"
fondo grant spend G-0009 280.00 USD --category groceries --receipt "Mercado Central 0611" --at 2026-06-25T10:00
# G-0011: Dario's own request, from which he and his sister Carmen recuse;
# still being voted on when the half-year closes.
fondo grant apply --applicant Dario --pool housing --amount 400.00 USD \
    --purpose "Deposit for a new flat" --category deposit --at 2026-06-26T10:00
fondo grant vote G-0011 consent --as Ana --at 2026-06-26T18:00
fondo grant vote G-0011 consent --as Felipe --at 2026-06-27T10:00
fondo grant decide G-0011 --at 2026-06-30T18:00

# The quarter's statements, the bank's fees, and the general pool's euros
# changed into dollars.
fondo import contributions bank-eur-2026-q2.csv --map ../maps/eu-bank.toml
fondo import contributions opencollective-2026-q2.csv --map ../maps/opencollective.toml
fondo post "Bank fees, second quarter" --date 2026-06-30 \
    -p "expenses:operations:fees=17.70 EUR" -p assets:bank:eur --reference "Kontoführung 2. Quartal"
fondo exchange 1000.00 EUR --to-amount 1085.00 USD --from-account assets:bank:eur \
    --to-account assets:bank:usd --fee 4.00 EUR --date 2026-06-30
fondo rate add 2026-06-30 EUR USD 1.0850 --source "the bank's rate on the exchange"
fondo rate add 2026-06-30 MXN USD 0.0590 --source Banxico

# --- July: the forum approves the second quarter's books -----------------------

fondo period close 2026-Q2 --reason "books approved at the open forum of 2026-07-04" --at 2026-07-04T20:00
fondo period list

# --- July: rapid response takes signed votes only ------------------------------
# From July, a rapid-response grant counts only the votes its stewards sign
# with their own OpenSSH keys. Ana makes her key with fondo; Felipe brings
# one he made with `ssh-keygen -t ed25519` (keys/felipe.pub). Both keys are
# demo keys: their passphrase is in keys/demo-passphrase.txt, which the demo
# names in FONDO_PASSPHRASE_FILE. The fund gets a key of its own, to sign
# the audit bundles it publishes.
fondo key gen --out keys/ana
fondo key gen --out keys/fund
fondo member key add Ana --key-file keys/ana.pub --at 2026-07-05T10:00
fondo member key add Felipe --key-file keys/felipe.pub --at 2026-07-05T10:05
fondo fund key add --key-file keys/fund.pub --at 2026-07-05T10:10
fondo role assign Felipe steward --from 2026-07-06 --until 2026-12-31
fondo policy set "rapid response" --rule lazy --min-consents 1 --window 24h --max-amount 150 USD \
    --signed-votes required --reason "assembly of 2026-07-04: votes signed by the stewards' own keys" --at 2026-07-06T18:00
# G-0012: each steward writes a ballot, signs it and records it.
fondo grant apply --applicant Luis --pool "rapid response" --amount 120.00 USD \
    --purpose "Bus fare home after an eviction" --category transport --at 2026-07-10T10:00
fondo grant ballot G-0012 --as Ana consent --at 2026-07-10T12:00 --out G-0012-ana.txt
fondo ballot sign G-0012-ana.txt --key keys/ana
fondo grant vote --ballot G-0012-ana.txt --signature G-0012-ana.txt.sig
fondo grant ballot G-0012 --as Felipe consent --at 2026-07-10T16:00 --out G-0012-felipe.txt
fondo ballot sign G-0012-felipe.txt --key keys/felipe
fondo grant vote --ballot G-0012-felipe.txt --signature G-0012-felipe.txt.sig
fondo grant decide G-0012 --at 2026-07-11T10:00
fondo grant show G-0012
