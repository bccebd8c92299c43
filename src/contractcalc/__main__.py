from contractcalc.cli.app import main

main()
