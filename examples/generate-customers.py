#!/usr/bin/env python3
"""Writes examples/customers.csv: clearly fake customers (example.com addresses, 500 000 xxx
phone numbers, CRM-nnnnnn IDs) for the ecdp demo. Deterministic: the same seed gives the same file.
Usage: python3 examples/generate-customers.py [COUNT] > examples/customers.csv"""
import random
import sys

FIRST = ["Adam", "Ewa", "Jan", "Anna", "Piotr", "Maria", "Tomasz", "Zofia", "Marek", "Agnieszka",
         "Paweł", "Katarzyna", "Michał", "Magdalena", "Krzysztof", "Joanna", "Łukasz", "Małgorzata"]
LAST = ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
        "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Krawczyk"]
GENDERS = ["Male", "Female", "NotSpecified"]
TIERS = ["bronze", "silver", "gold"]
CONSENTS = ["True", "False", "AwaitingConfirmation"]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    rnd = random.Random(20261129)
    out = sys.stdout
    out.write("email,phone,crmId,firstName,lastName,dateOfBirth,gender,attr:loyaltyTier,consent:1\n")
    for i in range(1, count + 1):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        ascii_first = first.translate(str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")).lower()
        ascii_last = last.translate(str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")).lower()
        email = f"{ascii_first}.{ascii_last}.{i:05d}@example.com"
        phone = f"+48500{i:06d}"
        born = f"{rnd.randint(1950, 2005)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        out.write(f"{email},{phone},CRM-{i:06d},{first},{last},{born},{rnd.choice(GENDERS)},"
                  f"{rnd.choice(TIERS)},{rnd.choice(CONSENTS)}\n")


if __name__ == "__main__":
    main()
