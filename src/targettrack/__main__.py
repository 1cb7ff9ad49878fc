from targettrack.cli import main

main()
