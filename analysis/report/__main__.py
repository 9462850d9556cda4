import sys

from .notebook import main

sys.exit(main(sys.argv[1:]))
