from mkgraph.cli import main

main()
