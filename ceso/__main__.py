from ceso.cli import main

raise SystemExit(main())
