"""A small French notebook with queries and the notes a coach expects for each.

Written for the relevance measure in docs/search.md: variants of accents, case, plurals,
feminine forms, elisions, ligatures, hyphenated names, addresses, and the Pôle Emploi →
France Travail renaming, in notes that look like the team's.
"""

from __future__ import annotations

# path: (title, tags, entrepreneur, body)
NOTES: dict[str, tuple[str, list[str], str, str]] = {
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
    "urssaf": {"cr/urssaf-cotisations.md", "cr/urssaf-courrier.md"},
    "cotisation": {"cr/urssaf-cotisations.md", "cr/acre.md"},
    "arrêt maladie": {"cr/cpam-arret.md"},
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
    "accompagnateur": {"cr/oeuvre.md", "reunions/accueil.md"},
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
    "n'diaye": {"cr/ndiaye.md"},
    "Le Gall": {"cr/le-gall.md"},
    "léa fontaine": {"cr/france-travail.md", "cr/creation.md", "fiches/lea.md"},
}
