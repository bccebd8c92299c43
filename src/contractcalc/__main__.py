from contractcalc.cli import main

main()
