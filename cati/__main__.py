from cati.cli import main

raise SystemExit(main())
