"""A small French notebook with queries and the notes a coach expects for each.

Written for the relevance measure in docs/search.md: variants of accents, case, plurals,
feminine and inclusive forms, elisions, ligatures, stop words, names with particles, addresses,
front-matter keys from another tool, and the Pôle Emploi → France Travail renaming, in notes that
look like the team's.
"""

from __future__ import annotations

# path: (title, tags, entrepreneur, body[, other front-matter keys, as another tool writes them])
NOTES: dict[str, tuple] = {
    "cr/actualisation.md": (
        "Actualisation mensuelle",
        ["pole-emploi"],
        "Jean Dupont",
        "Jean doit s'actualiser chaque mois auprès de Pôle Emploi et déclarer son salaire.",
    ),
    "cr/france-travail.md": (
        "Rendez-vous conseiller",
        [],
        "Léa Fontaine",
        "Le conseiller France Travail demande l'attestation employeur de la coopérative.",
    ),
    "cr/are-reliquat.md": (
        "Reliquat d'ARE",
        ["are"],
        "Olivier Besson",
        "Calcul du reliquat de droits ARE ; inscription à POLE-EMPLOI faite en 2023.",
    ),
    "cr/site-pe.md": (
        "Espace en ligne",
        ["numerique"],
        "Hugo Lefèvre",
        "Lien utile : https://www.pole-emploi.fr/candidat pour l'espace personnel.",
    ),
    "cr/urssaf-cotisations.md": (
        "Cotisations sociales",
        ["urssaf"],
        "Mehdi Haddad",
        "Les cotisations URSSAF sont prélevées par la coopérative sur le chiffre d'affaires.",
    ),
    "cr/urssaf-courrier.md": (
        "Courrier reçu",
        [],
        "Yasmine Cherif",
        "Yasmine a reçu un courrier de l’Urssaf : il concerne son ancienne micro-entreprise.",
    ),
    "cr/acre.md": (
        "Éligibilité ACRE",
        ["acre"],
        "Mehdi Haddad",
        "L'ACRE réduit les cotisations la première année ; vérifier la date d'entrée.",
    ),
    "cr/cpam-arret.md": (
        "Arrêt maladie",
        ["cpam"],
        "Chloé Marchand",
        "Arrêt de travail de deux semaines : indemnités journalières de la CPAM.",
    ),
    "cr/caf-prime.md": (
        "Prime d'activité",
        ["caf"],
        "Camille Perrin",
        "La déclaration trimestrielle CAF reprend le salaire versé par la coopérative.",
    ),
    "cr/tarifs.md": (
        "Grille de tarifs",
        ["tarifs"],
        "Jean Dupont",
        "Les tarifs ne couvrent pas les déplacements : forfait à la demi-journée.",
    ),
    "cr/devis.md": (
        "Devis types",
        ["tarifs"],
        "Bastien Roux",
        "Préparer trois devis types pour les paniers de légumes.",
    ),
    "cr/local.md": (
        "Recherche de local",
        ["local"],
        "Camille Perrin",
        "Deux pistes de locaux : un atelier partagé et une salle associative.",
    ),
    "cr/assurance.md": (
        "Assurance du matériel",
        ["assurance"],
        "Yasmine Cherif",
        "L'assurance responsabilité civile professionnelle couvre-t-elle le matériel prêté ?",
    ),
    "cr/formation.md": (
        "Financer une formation",
        ["formation"],
        "Nathalie Gauthier",
        "Le compte personnel de formation finance le module de comptabilité.",
    ),
    "cr/hygiene.md": (
        "Formation hygiène",
        ["hygiene"],
        "Fatou Ndiaye",
        "La formation HACCP est obligatoire avant les premières prestations de traiteur.",
    ),
    "cr/oeuvre.md": (
        "Mise en œuvre du plan",
        [],
        "Romain Vidal",
        "Mise en œuvre du plan d'action : trois étapes validées avec l'accompagnatrice.",
    ),
    "cr/creation.md": (
        "Entreprise créée",
        [],
        "Léa Fontaine",
        "L'activité a été créée en janvier ; les premières factures sont envoyées.",
    ),
    "reunions/decisions.md": (
        "Réunion du lundi",
        ["reunion-equipe"],
        "",
        "Décisions : les demandes sans réponse depuis dix jours remontent en réunion.",
    ),
    "reunions/roles.md": (
        "Rôles de la réunion",
        ["reunion-equipe"],
        "",
        "Animation, prise de notes et gardienne du temps tournent chaque semaine.",
    ),
    "reunions/seminaire.md": (
        "Séminaire d'équipe",
        ["seminaire"],
        "",
        "Un référent par entrepreneur ; les entrepreneuses sans référente"
        " sont suivies à tour de rôle.",
    ),
    "demandes/boite.md": (
        "Demande boîte partagée",
        ["demande"],
        "Fatou Ndiaye",
        "Message reçu sur accompagnement@coop.example.org : question sur la mutuelle.",
    ),
    "demandes/mutuelle.md": (
        "Question mutuelle",
        ["mutuelle"],
        "Romain Vidal",
        "Romain demande si la mutuelle d'entreprise est obligatoire.",
    ),
    "pads/lundi.md": (
        "Pad des réunions",
        ["pad"],
        "",
        "Lien du pad des réunions du lundi : https://pad.example.org/p/lundi",
    ),
    "fiches/jean.md": (
        "Fiche Jean Dupont",
        [],
        "Jean Dupont",
        "Menuisier, entré en 2022, référent : Awa Diallo.",
    ),
    "fiches/lea.md": (
        "Fiche Léa Fontaine",
        [],
        "Léa Fontaine",
        "Graphiste, entrée en 2023, référente : Inès Moreau.",
    ),
    "divers/procedure.md": (
        "Du rendez-vous au compte-rendu",
        ["procedure"],
        "",
        "Prendre rendez-vous, tenir l'entretien, écrire le compte-rendu puis l'envoyer.",
    ),
    "divers/banque.md": (
        "Prêt d'honneur",
        ["banque"],
        "Bastien Roux",
        "Le prêt d'honneur complète le prêt bancaire pour acheter le tracteur.",
    ),
    "divers/bilan.md": (
        "Bilan du trimestre",
        ["bilan"],
        "",
        "Bilan : vingt entretiens, trois entrées, une sortie de la coopérative.",
    ),
    "divers/export.md": (
        "Export",
        [],
        "Hugo Lefèvre",
        "Facturer un client à l'étranger : TVA intracommunautaire.",
    ),
    "cr/financement.md": (
        "Suivi du dossier",
        ["financement"],
        "Jean de la Fontaine",
        "Mise en œuvre de la demande de financement : le dossier part lundi à la banque.",
    ),
    "cr/ndiaye.md": (
        "Premier rendez-vous",
        [],
        "Moussa N'Diaye",
        "Moussa N'Diaye veut lancer une activité de traiteur ; prochain point en mars.",
    ),
    "cr/almeida.md": (
        "Premier devis",
        [],
        "Ana D’Almeida",
        "Ana D’Almeida chiffre d'abord son premier devis.",
    ),
    "cr/dalmeida.md": (
        "Devis signé",
        [],
        "Ana Dalmeida",
        "Le devis d'Ana Dalmeida est signé.",
    ),
    "cr/le-gall.md": (
        "Statuts",
        [],
        "Yann Le Gall",
        "Yann Le Gall hésite entre la coopérative et une association.",
    ),
    "reunions/accueil.md": (
        "Accueil des nouveaux",
        ["accueil"],
        "",
        "Les entrepreneur·e·s accueilli·e·s ce mois-ci rencontrent leur accompagnatrice.",
    ),
    "cr/entrepreneure.md": (
        "Passage en CAPE",
        [],
        "Sophie Morel",
        "Sophie, entrepreneure salariée depuis mars, prépare son premier devis.",
    ),
    "divers/formatrice.md": (
        "Recherche d'une formatrice",
        ["formation"],
        "",
        "La formatrice comptable interviendra auprès des entrepreneurEs en juin ; la directrice"
        " de l'organisme confirme.",
    ),
    "cr/caf-conseillere.md": (
        "Appel à la CAF",
        ["caf"],
        "Camille Perrin",
        "La conseillère CAF a rappelé : le dossier est complet.",
    ),
    "import/atelier.md": (
        "Atelier collectif",
        [],
        "",
        "Compte-rendu de l'atelier du jeudi.",
        {
            "thematiques": ["Insertion", "Numérique"],
            "lieu": {"ville": "Saint-Étienne", "salle": "B12"},
            "site": "https://www.example.org/atelier",
        },
    ),
    "import/covoiturage.md": (
        "Covoiturage",
        [],
        "",
        "Trajets partagés vers le marché.",
        {"thematiques": "mobilité", "organisme": "Mission locale", "annee": 2023},
    ),
    "cr/accompagnement.md": (
        "Fin d'accompagnement",
        [],
        "Inès Moreau",
        "L'accompagnement renforcé se termine en juin ; Inès reste accompagnée par la coopérative.",
    ),
    "cr/bail.md": (
        "Signature du bail",
        [],
        "Bastien Roux",
        "Accompagner Bastien chez le notaire pour signer le bail de l'atelier.",
    ),
    "reunions/binomes.md": (
        "Binômes de l'été",
        [],
        "",
        "Les accompagnateurs et accompagnatrices se relaient en août, deux par deux.",
    ),
    "cr/cotisations-urssaf.md": (
        "Cotisations URSSAF",
        ["urssaf"],
        "Jean Dupont",
        "Point sur les cotisations de Jean : échéancier accepté, premier prélèvement en mars.",
    ),
    # A bank export pasted whole: « URSSAF » and « cotisations » on every line, thousands of times.
    "import/export-banque.md": (
        "Export du compte",
        [],
        "",
        "".join(
            f"2023-{month % 12 + 1:02d}-{month % 28 + 1:02d} ; Prélèvement URSSAF ; cotisations"
            f" sociales ; compte {1000 + month * 7 % 9000} ; {month * 37 % 5000},00 EUR\n"
            for month in range(2000)
        ),
    ),
    "reunions/comite.md": (
        "Comité d'engagement",
        ["comite"],
        "",
        "Le comité a validé l'entrée de Fatou N'Diaye et celle de Karim Benali.",
    ),
    "cr/decennale.md": (
        "Assurance décennale",
        [],
        "Bastien Roux",
        "Bastien a reçu trois propositions de contrat pour son activité de menuiserie ; la moins"
        " chère exclut les travaux de charpente, la deuxième impose une franchise élevée. Il"
        " choisira après avoir comparé les garanties des trois, avant le début du chantier de"
        " juin chez son premier client.",
    ),
    "cr/chantier.md": (
        "Point chantier",
        [],
        "Bastien Roux",
        "Le client veut l'attestation d'assurance décennale : Bastien envoie l'attestation de"
        " décennale lundi.",
    ),
    "divers/sans-rapport.md": (
        "Météo",
        [],
        "",
        "Il a plu toute la semaine sur le marché du samedi.",
    ),
}

# query: the notes a coach looking for it expects (order does not matter)
QUERIES: dict[str, set[str]] = {
    "pôle emploi": {
        "cr/actualisation.md",
        "cr/france-travail.md",
        "cr/are-reliquat.md",
        "cr/site-pe.md",
    },
    "POLE EMPLOI": {
        "cr/actualisation.md",
        "cr/france-travail.md",
        "cr/are-reliquat.md",
        "cr/site-pe.md",
    },
    "urssaf": {
        "cr/urssaf-cotisations.md",
        "cr/urssaf-courrier.md",
        "cr/cotisations-urssaf.md",
        "import/export-banque.md",
    },
    "cotisation": {
        "cr/urssaf-cotisations.md",
        "cr/acre.md",
        "cr/cotisations-urssaf.md",
        "import/export-banque.md",
    },
    "cotisations urssaf": {
        "cr/urssaf-cotisations.md",
        "cr/cotisations-urssaf.md",
        "import/export-banque.md",
    },
    "arrêt maladie": {"cr/cpam-arret.md"},
    "assurance décennale": {"cr/decennale.md", "cr/chantier.md"},
    "oeuvre": {"cr/oeuvre.md", "cr/financement.md"},
    "créer": {"cr/creation.md"},
    "entrepreneur": {
        "reunions/seminaire.md",
        "reunions/accueil.md",
        "cr/entrepreneure.md",
        "divers/formatrice.md",
    },
    "entrepreneuse": {
        "reunions/seminaire.md",
        "reunions/accueil.md",
        "cr/entrepreneure.md",
        "divers/formatrice.md",
    },
    "entrepreneur·e·s": {
        "reunions/seminaire.md",
        "reunions/accueil.md",
        "cr/entrepreneure.md",
        "divers/formatrice.md",
    },
    "entrepreneur(e)s": {
        "reunions/seminaire.md",
        "reunions/accueil.md",
        "cr/entrepreneure.md",
        "divers/formatrice.md",
    },
    # The person (accompagnateur, accompagnatrice, accompagnateur·rice·s) is not the action
    # (accompagnement, accompagner, accompagnée): each finds its own notes, not the other's.
    "accompagnateur": {"cr/oeuvre.md", "reunions/accueil.md", "reunions/binomes.md"},
    "accompagnatrice": {"cr/oeuvre.md", "reunions/accueil.md", "reunions/binomes.md"},
    "accompagnateur·rice·s": {"cr/oeuvre.md", "reunions/accueil.md", "reunions/binomes.md"},
    # (the mailbox address accompagnement@… is words of its note, as grep finds it too)
    "accompagnement": {"cr/accompagnement.md", "cr/bail.md", "demandes/boite.md"},
    "accompagner": {"cr/accompagnement.md", "cr/bail.md", "demandes/boite.md"},
    "formateur": {"divers/formatrice.md"},
    "directeur": {"divers/formatrice.md"},
    "conseillère": {"cr/france-travail.md", "cr/caf-conseillere.md"},
    "réunions": {"reunions/decisions.md", "reunions/roles.md", "pads/lundi.md"},
    "tarif": {"cr/tarifs.md", "cr/devis.md"},
    "formations": {"cr/formation.md", "cr/hygiene.md", "divers/formatrice.md"},
    "référente": {"reunions/seminaire.md", "fiches/lea.md"},
    "compte-rendu": {"divers/procedure.md"},
    "accompagnement@coop.example.org": {"demandes/boite.md"},
    "mutuelle": {"demandes/boite.md", "demandes/mutuelle.md"},
    "prêt": {"divers/banque.md"},
    "mise en oeuvre": {"cr/oeuvre.md", "cr/financement.md"},
    "mise en œuvre de la demande": {"cr/financement.md"},
    '"mise en œuvre de la demande"': {"cr/financement.md"},
    'entrepreneur:"de la Fontaine"': {"cr/financement.md"},
    # One family name written with and without its apostrophe: the coach wants every note.
    "n'diaye": {"cr/ndiaye.md", "cr/hygiene.md", "demandes/boite.md", "reunions/comite.md"},
    "ndiaye": {"cr/ndiaye.md", "cr/hygiene.md", "demandes/boite.md", "reunions/comite.md"},
    "Fatou N'Diaye": {"cr/hygiene.md", "demandes/boite.md", "reunions/comite.md"},
    '"Moussa Ndiaye"': {"cr/ndiaye.md"},
    "dalmeida": {"cr/almeida.md", "cr/dalmeida.md"},
    "D'Almeida": {"cr/almeida.md", "cr/dalmeida.md"},
    "d'abord": {"cr/almeida.md"},
    "Le Gall": {"cr/le-gall.md"},
    "insertion": {"import/atelier.md"},
    "thematiques:mobilité": {"import/covoiturage.md"},
    "saint-étienne": {"import/atelier.md"},
    "mission locale": {"import/covoiturage.md"},
    "léa fontaine": {"cr/france-travail.md", "cr/creation.md", "fiches/lea.md"},
}

# query: the notes a coach expects before every other (in any order among them): the title and
# tags weigh more than a long text repeating the words; a person's own notes come before a
# mention of her, however either writes her name.
FIRST: dict[str, set[str]] = {
    "cotisations urssaf": {"cr/cotisations-urssaf.md", "cr/urssaf-cotisations.md"},
    "urssaf": {"cr/cotisations-urssaf.md", "cr/urssaf-cotisations.md"},
    "Fatou N'Diaye": {"cr/hygiene.md", "demandes/boite.md"},
    "assurance décennale": {"cr/decennale.md"},
    "mutuelle": {"demandes/mutuelle.md"},
    "prêt": {"divers/banque.md"},
    "accompagnement": {"cr/accompagnement.md"},
    "léa fontaine": {"fiches/lea.md"},
}
