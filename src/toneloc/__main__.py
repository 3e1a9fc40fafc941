"""``python -m toneloc`` runs the CLI."""

from toneloc.cli import main

raise SystemExit(main())
