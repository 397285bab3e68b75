#!/usr/bin/env python3
"""Writes names.csv beside this script, in the format of
data/names/nicknames/names.csv (name1,relationship,name2): the same given
name (and patronymic) as Russian, Ukrainian and Belarusian write it,
romanised the way the sanctions lists and the press do (same_name:
Vladimir, Volodymyr, Uladzimir; Sergeyevich, Serhiyovych, Siarheyevich;
every pair of forms of one group across the three languages), and the
diminutives of Russian given names (has_nickname: Sasha, Volodya, Dima).

Only names whose forms the matcher's spelling comparison does not
already bring together (h for g, o-/a-, e for ye, -o for -ei ...); the
forms of the lists' Russian, Ukrainian and Belarusian entries (UK, OFAC,
EU): a hand-kept table, because no maintained data of the field holds
it. Run: python3 data/names/east_slavic/make_names.py
"""
import os

# (Russian, Ukrainian, Belarusian), spellings separated by spaces
GROUPS = [
    ("vladimir", "volodymyr volodimir wolodymyr", "uladzimir uladzimier"),
    ("sergei sergey sergej", "serhiy serhii serhij", "siarhei siarhej siarhiej"),
    ("pyotr petr", "petro", "piatro piotr"),
    ("vasily vasiliy vasili", "vasyl", "vasil"),
    ("yevgeny yevgeniy evgeny evgeniy evgenii yevgenii",
     "yevhen yevhenii yevheniy", "yauhen jauhien"),
    ("igor", "ihor", "ihar"),
    ("oleg", "oleh", "aleh"),
    ("gennady gennadiy gennadi genadiy", "hennadiy hennadii",
     "hienadz henadz gienadz"),
    ("grigory grigoriy grigorii", "hryhoriy hryhorii", "ryhor"),
    ("fyodor fedor", "fedir", "fiodar fedar"),
    ("pavel", "pavlo", "paval"),
    ("vladislav", "vladyslav", "uladzislau"),
    ("vladimirovich", "volodymyrovych", "uladzimiravich"),
    ("sergeyevich sergeevich", "serhiyovych serhiiovych",
     "siarheyevich siarheevich"),
    ("petrovich", "petrovych", "piatrovich"),
    ("vasilyevich vasilievich", "vasylovych", "vasilevich"),
    ("yevgenyevich evgenievich yevgenievich evgenyevich", "yevhenovych",
     "yauhenavich"),
    ("igorevich", "ihorovych", "iharavich"),
    ("olegovich", "olehovych", "alehavich"),
    ("gennadyevich gennadievich gennadevich", "hennadiyovych hennadiiovych",
     "hienadzevich gienadzjevich"),
    ("grigoryevich grigorievich", "hryhoriyovych", "ryhoravich"),
    ("fyodorovich fedorovich", "fedorovych", "fiodaravich"),
    ("pavlovich", "pavlovych", "paulavich"),
    ("viktorovich", "viktorovych", "viktaravich"),
    ("aleksandrovich alexandrovich", "oleksandrovych", "aliaksandravich"),
    ("nikolayevich nikolaevich", "mykolayovych mykolaiovych",
     "mikalayevich mikalaevich"),
    ("mikhailovich", "mykhailovych mykhaylovych", "mikhailavich"),
    ("yuryevich yurievich yuriyevich", "yuriyovych yuriiovych", "yuryevich"),
    ("anatolyevich anatolievich", "anatoliyovych anatoliiovych",
     "anatolevich"),
    ("dmitriyevich dmitrievich", "dmytrovych", "dzmitryevich"),
    ("alekseyevich alekseevich", "oleksiyovych oleksiiovych",
     "aliakseyevich"),
    ("andreyevich andreevich", "andriyovych andriiovych", "andreyevich"),
    ("ivanovich", "ivanovych", "ivanavich"),
    ("vladimirovna", "volodymyrivna", "uladzimirauna"),
    ("sergeyevna sergeevna", "serhiyivna serhiivna", "siarheyeuna"),
    ("aleksandrovna alexandrovna", "oleksandrivna", "aliaksandrauna"),
    ("nikolayevna nikolaevna", "mykolayivna mykolaivna", "mikalayeuna"),
    ("viktorovna", "viktorivna", "viktarauna"),
    ("petrovna", "petrivna", "piatrouna"),
    ("yuryevna yurievna", "yuriyivna yuriivna", "yuryeuna"),
    ("ivanovna", "ivanivna", "ivanauna"),
]


# Russian given names and the diminutives the press and lists write for
# them (Sasha for Aleksandr, Volodya for Vladimir), paired has_nickname
# with every spelling of the full name
DIMINUTIVES = [
    ("aleksandr alexander alexandr", "sasha sashka shura"),
    ("aleksandra alexandra", "sasha shura"),
    ("vladimir", "volodya vova"),
    ("dmitry dmitriy dmitri", "dima mitya"),
    ("mikhail", "misha"),
    ("nikolai nikolay", "kolya"),
    ("sergei sergey sergej", "seryozha serezha"),
    ("yevgeny yevgeniy evgeny evgeniy", "zhenya"),
    ("yevgenia yevgeniya evgenia evgeniya", "zhenya"),
    ("ivan", "vanya"),
    ("pyotr petr", "petya"),
    ("anatoly anatoliy", "tolya"),
    ("aleksei alexey aleksey alexei", "alyosha lyosha"),
    ("yuri yury yuriy", "yura"),
    ("konstantin", "kostya"),
    ("vyacheslav", "slava"),
    ("stanislav", "stas slava"),
    ("grigory grigoriy", "grisha"),
    ("pavel", "pasha"),
    ("viktor", "vitya"),
    ("valery valeriy", "valera"),
    ("natalya natalia", "natasha"),
    ("yekaterina ekaterina", "katya"),
    ("maria mariya", "masha"),
    ("yelena elena", "lena"),
    ("olga", "olya"),
    ("tatyana tatiana", "tanya"),
    ("svetlana", "sveta"),
    ("anastasia anastasiya", "nastya"),
    ("lyudmila ludmila", "lyuda mila"),
    ("nadezhda", "nadya"),
    ("irina", "ira"),
    ("lyubov", "lyuba"),
]


def main():
    rows = set()
    for full, short in DIMINUTIVES:
        for a in full.split():
            for b in short.split():
                rows.add((a, "has_nickname", b))
    for group in GROUPS:
        forms = [g.split() for g in group]
        for i in range(3):
            for j in range(i + 1, 3):
                for a in forms[i]:
                    for b in forms[j]:
                        if a != b:
                            rows.add((a, "same_name", b))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "names.csv")
    with open(out, "w") as f:
        f.write("name1,relationship,name2\n")
        for a, rel, b in sorted(rows):
            f.write(f"{a},{rel},{b}\n")


if __name__ == "__main__":
    main()
