# The story of a small network of mutual-aid funds, April to June 2026:
# every command `fondo demo --network` runs, in order. Three autonomous funds,
# each with its own books, currency and key, send each other money; a regional
# hub, which holds no write access to any of them, consolidates the signed
# audit bundles they publish for the second quarter, witnesses their chains,
# matches every transfer on both sides and writes the network's forum page.
#
# `fondo demo --network` runs these lines in a new folder (OUT/network), with
# FONDO_HUB=hub.db. To run the story by hand instead, with fondo on your PATH:
#
#     mkdir /tmp/net && cd /tmp/net && FONDO_HUB=hub.db sh -e network.sh
#
# Each fund's id is fixed at `init` (FONDO_FUND_ID) so that the transfer ids
# the story names, and the books' fingerprints, are the same on every run; a
# real fund's id is random. The keys are demo keys: `fondo key gen` asks for
# a passphrase, which the demo gives in FONDO_PASSPHRASE_FILE.
#
#   barrio.db   Barrio Solidarity Fund (USD)  ba000000000000000000000000000001
#   berlin.db   Solidarität Berlin (EUR)      be000000000000000000000000000002
#   olla.db     Cooperativa La Olla (MXN)     0a000000000000000000000000000003

# --- Three funds, each on its own ------------------------------------------

FONDO_FUND_ID=ba000000000000000000000000000001 fondo --db barrio.db init --name "Barrio Solidarity Fund" --currency USD
fondo --db barrio.db account add assets:bank:usd --note "credit union checking account"
fondo --db barrio.db pool add housing --purpose "Rent relief for families facing eviction"
fondo --db barrio.db member add Ana
fondo --db barrio.db member add Bruno
fondo --db barrio.db member add Carmen
fondo --db barrio.db member add "Familia Ortega" --visibility pseudonymous
fondo --db barrio.db role assign Ana treasurer --from 2026-04-01
fondo --db barrio.db role assign Bruno steward --from 2026-04-01 --until 2026-12-31
fondo --db barrio.db role assign Carmen steward --from 2026-04-01 --until 2026-12-31
fondo --db barrio.db policy set housing --rule lazy --window 48h --max-amount 800 USD \
    --reason "assembly of 2026-04-01" --at 2026-04-01T18:00
fondo --db barrio.db key gen --out keys/barrio
fondo --db barrio.db fund key add --key-file keys/barrio.pub --at 2026-04-01T18:30

FONDO_FUND_ID=be000000000000000000000000000002 fondo --db berlin.db init --name "Solidarität Berlin" --currency EUR
fondo --db berlin.db account add assets:bank:eur --note "GLS Bank"
fondo --db berlin.db member add Jonas
fondo --db berlin.db member add Leyla
fondo --db berlin.db role assign Jonas treasurer --from 2026-04-01
fondo --db berlin.db key gen --out keys/berlin
fondo --db berlin.db fund key add --key-file keys/berlin.pub --at 2026-04-01T19:00

FONDO_FUND_ID=0a000000000000000000000000000003 fondo --db olla.db init --name "Cooperativa La Olla" --currency MXN
fondo --db olla.db account add assets:bank:mxn --note "caja popular"
fondo --db olla.db commodity add KG-MAIZ --decimals 1 --name "maize, in kilograms"
fondo --db olla.db pool add cocina --purpose "The community kitchen: gas, maize, beans"
fondo --db olla.db member add Rosa
fondo --db olla.db member add Tomás
fondo --db olla.db member add Inés
fondo --db olla.db role assign Rosa treasurer --from 2026-04-01
fondo --db olla.db role assign Tomás steward --from 2026-04-01 --until 2026-12-31
fondo --db olla.db role assign Inés steward --from 2026-04-01 --until 2026-12-31
fondo --db olla.db policy set cocina --rule lazy --window 24h --max-amount 5000 MXN \
    --reason "asamblea del 2026-04-01" --at 2026-04-01T20:00
fondo --db olla.db key gen --out keys/olla
fondo --db olla.db fund key add --key-file keys/olla.pub --at 2026-04-01T20:30

# --- April: dues, and Berlin sends euros for the barrio's rent relief --------

fondo --db barrio.db contribute 400.00 USD --from Ana --into assets:bank:usd --date 2026-04-02
fondo --db barrio.db contribute 150.00 USD --anonymous --into assets:bank:usd --pool housing --date 2026-04-03
fondo --db berlin.db contribute 900.00 EUR --from Jonas --into assets:bank:eur --date 2026-04-02
fondo --db berlin.db contribute 600.00 EUR --from Leyla --into assets:bank:eur --date 2026-04-03
fondo --db olla.db contribute 4000.00 MXN --from Rosa --into assets:bank:mxn --pool cocina --date 2026-04-02
fondo --db olla.db contribute 50.0 KG-MAIZ --from Tomás --pool cocina --date 2026-04-05

# G-0001: two months' rent, more than the housing pool holds.
fondo --db barrio.db grant apply --applicant "Familia Ortega" --pool housing --amount 600.00 USD \
    --purpose "Two months' rent" --at 2026-04-08T10:00
# Berlin sends 500 euros; the barrio receives 540 dollars for them, and names
# the grant they fund (a solidarity grant).
fondo --db berlin.db transfer send --to-fund ba000000000000000000000000000001 --amount 500.00 EUR \
    --from-account assets:bank:eur --date 2026-04-10 --memo "rent relief in the barrio"
fondo --db barrio.db transfer receive --from-fund be000000000000000000000000000002 \
    --transfer-id be000000000000000000000000000002-1 --amount 540.00 USD --sent 500.00 EUR \
    --into assets:bank:usd --pool housing --grant G-0001 --date 2026-04-14
fondo --db barrio.db grant decide G-0001 --at 2026-04-15T09:00
fondo --db barrio.db grant pay G-0001 600.00 USD --from-account assets:bank:usd --at 2026-04-15T11:00

# --- May: the barrio helps the kitchen with gas ------------------------------

fondo --db barrio.db transfer send --to-fund 0a000000000000000000000000000003 --amount 100.00 USD \
    --from-account assets:bank:usd --date 2026-05-04 --memo "gas for the kitchen"
fondo --db olla.db transfer receive --from-fund ba000000000000000000000000000001 \
    --transfer-id ba000000000000000000000000000001-1 --amount 1712.00 MXN --sent 100.00 USD \
    --into assets:bank:mxn --pool cocina --date 2026-05-06
fondo --db olla.db grant apply --applicant Tomás --pool cocina --amount 2500.00 MXN \
    --purpose "Gas cylinders for May and June" --at 2026-05-07T10:00
fondo --db olla.db grant decide G-0001 --at 2026-05-08T12:00
fondo --db olla.db grant pay G-0001 2500.00 MXN --from-account assets:bank:mxn --at 2026-05-08T15:00

# --- June: Berlin sends more on the quarter's last days; it arrives in July --

fondo --db berlin.db transfer send --to-fund 0a000000000000000000000000000003 --amount 300.00 EUR \
    --from-account assets:bank:eur --date 2026-06-29 --memo "maize before the rains"

# --- Each fund publishes its signed public bundle for the quarter ------------

fondo --db barrio.db export audit --out barrio-2026-Q2 --period 2026-Q2 --audience public --sign-with keys/barrio
fondo --db berlin.db export audit --out berlin-2026-Q2 --period 2026-Q2 --audience public --sign-with keys/berlin
fondo --db olla.db export audit --out olla-2026-Q2 --period 2026-Q2 --audience public --sign-with keys/olla

# --- The hub: registers the funds and their keys, adds their bundles ---------

fondo hub init hub.db --name "Red Solidaria de las Américas y Europa"
fondo hub fund add ba000000000000000000000000000001 --name "Barrio Solidarity Fund" --key-file keys/barrio.pub
fondo hub fund add be000000000000000000000000000002 --name "Solidarität Berlin" --key-file keys/berlin.pub
fondo hub fund add 0a000000000000000000000000000003 --name "Cooperativa La Olla" --key-file keys/olla.pub
fondo hub add barrio-2026-Q2
fondo hub add berlin-2026-Q2
fondo hub add olla-2026-Q2
fondo hub status
fondo hub witness ba000000000000000000000000000001 --format csv
# Every transfer of the quarter, matched on both sides; Berlin's June
# transfer is still in transit.
fondo hub reconcile --period 2026-Q2
fondo hub rate add 2026-06-30 EUR USD 1.0800
fondo hub rate add 2026-06-30 MXN USD 0.0584
fondo hub report summary --period 2026-Q2 --in USD

# --- July: the kitchen receives Berlin's maize money --------------------------

fondo --db olla.db transfer receive --from-fund be000000000000000000000000000002 \
    --transfer-id be000000000000000000000000000002-2 --amount 5985.00 MXN --sent 300.00 EUR \
    --into assets:bank:mxn --pool cocina --date 2026-07-03
