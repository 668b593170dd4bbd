"""One exception tree for everything that can go wrong for a user.

Each class's docstring is its message and `hint` says what to do next; both are English msgids
that the CLI translates (French by default) and formats with the error's keyword arguments. The
core never prints: it raises one of these, and the CLI turns it into one line on stderr and the
class's `exit_code`. The exit-code table in the README is checked against `EXIT_CODES` by a test.
"""

from __future__ import annotations

from typing import Any

EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected error (run again with --debug and report it)",
    2: "wrong command usage (unknown option, missing argument)",
    3: "no notebook here",
    4: "note not found, or reference matching several notes",
    5: "invalid input: note file, date, note type, query or configuration",
    6: "would overwrite something that exists",
    7: "git problem: identity missing, repository busy or in an unfinished state",
    8: "sharing or sending impossible right now (no remote, offline, mail server): kept locally",
    9: "to resolve: conflicts (both versions kept), follow-ups due (suivi --check) "
    "or notebook problems (jardin --check)",
    10: "the search index is busy (another garefil is writing)",
    11: "the editor could not be started",
    12: "refused for safety: a symbolic link, a path leading outside the notebook, "
    "a shared repository holding another notebook, or a deletion not confirmed (no --oui)",
    13: "nothing saved: the note was left empty",
    130: "interrupted (Ctrl-C); nothing half-written was left",
}


def N_(message: str) -> str:  # noqa: N802 - gettext's name for it
    """Mark `message` as a msgid translated where it is shown (problems read from notes)."""
    return message


class _KeepMissing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, params: dict[str, Any]) -> str:
    """`template` filled with `params`; a placeholder without a value is left as it is."""
    return template.format_map(_KeepMissing(params))


class FrontMatterError(ValueError):
    """The front-matter of a text cannot be read; `line` is 1-based in the whole file.

    Not a GarefilError: it becomes a Problem naming the file, or the error of the command that
    read it (core/notes.py); here so that finding a note unreadable needs no YAML reader."""

    def __init__(self, line: int, detail: str, original: str = "") -> None:
        super().__init__(f"line {line}: {detail}" + (f" [{original}]" if original else ""))
        self.line = line
        self.detail = detail  # an English msgid, translated where it is shown
        self.original = original  # the parser's own words, for --debug


class GarefilError(Exception):
    """Something went wrong."""

    hint: str = ""
    exit_code: int = 1

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(format_message(self.message_id, params))

    @property
    def message_id(self) -> str:
        """The untranslated message template (first line of the class docstring)."""
        return (type(self).__doc__ or "").strip().splitlines()[0]


class ConfirmationNeeded(GarefilError):
    """{what}: not confirmed (no terminal to ask on), nothing done."""

    hint = "add --oui to go ahead"
    exit_code = 12  # refused for safety: the command was well written, only unconfirmed


class NotebookNotFound(GarefilError):
    """No garefil notebook in {start} or above it."""

    hint = (
        "`garefil init` to create one, `garefil init --clone ADDRESS` to join the team, "
        "or `-C FOLDER` to name one"
    )
    exit_code = 3


class NotebookFolderMissing(NotebookNotFound):
    """The folder {start} does not exist."""

    hint = "check the folder given with -C (or in GAREFIL_NOTEBOOK): `ls` shows what is there"


class NotebookFolderBlank(NotebookNotFound):
    """No folder given with -C: its value is empty."""

    hint = "name the notebook's folder (-C ~/carnet), or leave -C out for the current folder"


class NotebookIsAFile(NotebookNotFound):
    """{start} is a file, not a folder."""

    hint = "-C (or GAREFIL_NOTEBOOK) names the notebook's folder, the one its notes are in"


class NoteNotFound(GarefilError):
    """No note matches '{ref}'."""

    hint = "`garefil list` shows the notes and their ids"
    exit_code = 4


class UnknownVersion(GarefilError):
    """No version '{commit}' in the notebook's history."""

    hint = "`garefil history NOTE` lists a note's versions, newest first"
    exit_code = 4


class NotInVersion(GarefilError):
    """'{ref}' is not in version {commit} of the notebook."""

    hint = "`garefil history NOTE` lists the versions that hold it"
    exit_code = 4


class AmbiguousReference(GarefilError):
    """'{ref}' matches several notes: {candidates}."""

    hint = "give more of the id or the path"
    exit_code = 4


class SharedId(AmbiguousReference):
    """'{ref}' is the id of several notes: {paths}."""

    hint = "give the note's path; `garefil jardin` lists the notes that share an id"
    exit_code = 4


class AmbiguousPerson(GarefilError):
    """'{name}' names several people: {candidates}."""

    hint = "give the full name"
    exit_code = 4


class InvalidNote(GarefilError):
    """{path}:{line}: the front-matter cannot be read ({detail})."""

    hint = "fix the YAML between the two `---` lines: `garefil edit {path}`"
    exit_code = 5


class InvalidTomlNote(InvalidNote):
    """{path}:{line}: the front-matter cannot be read ({detail})."""

    hint = "fix the TOML between the two `+++` lines: `garefil edit {path}`"
    exit_code = 5


class NotTextNote(InvalidNote):
    """{path}: the file is not text: not a note garefil can read."""

    hint = "remove it, or move it out of the notebook: `garefil rm {path}`"
    exit_code = 5


class TomlHeader(GarefilError):
    """{path}:1: the header is TOML (between +++ lines): garefil reads it but writes only YAML."""

    hint = "rewrite the header in YAML between two `---` lines: `garefil edit {path}`"
    exit_code = 5


class InvalidDate(GarefilError):
    """'{value}' is not a date."""

    hint = (
        # Dates are read in French whatever the language of the messages: an English screen
        # shows the French words with what they mean.
        "write it as 2024-04-15, 15/04/2024, 15/04, 15/04 14h30, or in French words: "
        "15 avril (April 15), demain (tomorrow), lundi (Monday), lundi prochain (next Monday), "
        "dans 2 semaines (in 2 weeks), il y a 3 jours (3 days ago) (docs/dates.md)"
    )
    exit_code = 5


class EmptyDate(InvalidDate):
    """The date is empty."""


class InvalidToday(GarefilError):
    """GAREFIL_TODAY is '{value}', which is not a date."""

    hint = "write the day as GAREFIL_TODAY=2024-03-20, or leave it empty for today (docs/dates.md)"
    exit_code = 5


class UnknownNoteType(GarefilError):
    """Unknown note type '{name}'."""

    hint = "known types: {known}"
    exit_code = 5


class UnknownShell(GarefilError):
    """Shell completion is for bash, zsh and fish, not '{shell}'."""

    hint = "name the shell: garefil completion install bash (or zsh, or fish)"
    exit_code = 5


class ShellNotKnown(GarefilError):
    """Your shell could not be told ($SHELL is not set)."""

    hint = "name it: garefil completion install bash (or zsh, or fish)"
    exit_code = 5


class UnknownStatus(GarefilError):
    """Unknown status '{name}'."""

    hint = "known statuses: {known}"
    exit_code = 5


class InvalidConfig(GarefilError):
    """{path}: the configuration cannot be read ({detail})."""

    hint = "fix the file; `garefil init` in an empty folder shows a valid example"
    exit_code = 5


class ConfigNotToml(InvalidConfig):
    """{path}:{line}: the configuration is not written as TOML expects."""

    hint = 'look at this line: quotes closed, `key = "value"`, each [section] written once'


class ConfigValueRefused(InvalidConfig):
    """{path}:{line}: the setting {key} is refused ({detail})."""

    hint = "fix this line of the notebook's settings, or bring in a teammate's fix: `garefil sync`"


class UnknownSetting(GarefilError):
    """Unknown setting '{key}'."""

    hint = "the settings are: {keys}"
    exit_code = 5


class SettingRefused(GarefilError):
    """The setting {key} cannot be '{value}': {detail}."""

    hint = "`garefil config` shows each setting and where it comes from (docs/settings.md)"
    exit_code = 5


class SettingRefusedIn(SettingRefused):
    """{origin}: the setting {key} cannot be '{value}': {detail}."""

    hint = "change it there; `garefil config` shows each setting and where it comes from"


class PasswordNotStored(GarefilError):
    """garefil never writes a password in a file."""

    hint = "put it in the environment variable {variable}, or type it when garefil asks for it"
    exit_code = 5


class SmtpNotSet(GarefilError):
    """Sending mail needs the setting {key}, which is not set."""

    hint = "set it with `garefil config set {key} …` (docs/settings.md)"
    exit_code = 5


class FicheWithoutEntrepreneur(GarefilError):
    """A fiche is about one entrepreneur: their name is missing."""

    hint = 'give it with --entrepreneur, e.g. garefil new fiche --entrepreneur "Jean Dupont"'
    exit_code = 5


class NoteExists(GarefilError):
    """{path} exists already."""

    hint = "nothing was overwritten; try again to get another name"
    exit_code = 6


class NotInNotebook(GarefilError):
    """{path} is not inside the notebook."""

    hint = "give a path below {root}"
    exit_code = 5


class UnsafePath(NotInNotebook):
    """{path} is a symbolic link or a path leading outside the notebook: refused."""

    hint = "nothing was read or written; replace it with a real file inside the notebook"
    exit_code = 12


class NotUtf8(GarefilError):
    """{path} is not UTF-8 text: garefil will not rewrite it."""

    hint = "convert it to UTF-8 (for example with `iconv -f {encoding} -t utf-8`), then try again"
    exit_code = 5


class NotUtf8Utf16(NotUtf8):
    """{path} is UTF-16 text: garefil will not rewrite it."""


class EmptyTag(GarefilError):
    """'{tag}' is not a tag: nothing is left of it once written as one."""

    hint = "a tag is made of letters and digits, for example pole-emploi"
    exit_code = 5


class EmptyReference(NoteNotFound):
    """No note named: the reference is empty."""

    hint = "give an id, the end of one or a path; `garefil list` shows them"


class UnsafeFolder(InvalidConfig):
    """{path}:{line}: {key} = "{folder}" is refused: notes go in visible folders of the notebook."""

    hint = (
        'write a folder such as "comptes-rendus", or remove the line; a teammate\'s fix comes '
        "with `garefil sync`"
    )
    exit_code = 12  # refused for safety: a path leading outside the notebook, or into git


class NotAFolder(NoteExists):
    """{path} exists and is not a folder."""

    hint = "choose another name for the notebook's folder"


class FolderNotEmpty(NoteExists):
    """{path} exists and is not empty: the shared notebook is copied into a new folder."""

    hint = "choose another folder, or empty this one"


class FolderNameEmpty(GarefilError):
    """The folder's name is empty."""

    hint = "name the folder, or leave the name out to make the current folder a notebook"
    exit_code = 5


class FolderNotCreatable(GarefilError):
    """The folder {path} cannot be created here."""

    hint = "choose a folder you may write to, for example in your home folder"
    exit_code = 7


class BlankTitle(GarefilError):
    """The new title is empty."""

    hint = "give the note a title made of words"
    exit_code = 5


class InvalidIdentity(GarefilError):
    """A name and an e-mail address are needed, each on one line, the e-mail with an @."""

    hint = 'write them as: garefil config user "Prénom Nom" prenom.nom@exemple.org'
    exit_code = 5


class NoGitHistory(GarefilError):
    """The notebook in {path} has no git history (its .git folder is missing)."""

    hint = "run `garefil init` in this folder: it makes a new history with the notes as they are"
    exit_code = 7


class DuplicateFiche(NoteExists):
    """{entrepreneur} already has a fiche: {path}."""

    hint = "open it with `garefil edit {id}`"
    exit_code = 6


class NotAMember(GarefilError):
    """'{name}' is not a member of the team ({members})."""

    hint = 'a member of the team is expected: `garefil config membre ajouter "{name}"` adds them'
    exit_code = 5


class NotAMemberNearMiss(NotAMember):
    """'{name}' is not a member of the team: did you mean {close}?"""

    hint = 'write the name as the team has it: "{close}"'
    exit_code = 5


class CoachNotAMember(NotAMember):
    """You sign as '{name}', who is not a member of the team ({members})."""

    hint = (
        'say which member you are: `garefil config set nom "First Last"`; '
        'or add yourself to the team: `garefil config membre ajouter "{name}"`'
    )


class UnknownPerson(NotAMember):
    """'{name}' is neither a member of the team ({members}) nor named in a note ({others})."""

    hint = 'write a name the notebook knows; `garefil config membre ajouter "{name}"` adds a member'


class UnknownPersonNearMiss(NotAMember):
    """No one in this notebook is called '{name}': did you mean {close}?"""

    hint = 'write the name as the notebook has it: "{close}"'


class UnknownEntrepreneur(GarefilError):
    """No entrepreneur is called '{name}'."""

    hint = "`garefil entrepreneurs` lists them; `garefil entrepreneur ajouter` writes a fiche"
    exit_code = 4


class UnknownEntrepreneurClose(UnknownEntrepreneur):
    """No entrepreneur is called '{name}' (close names: {close})."""


class NoFiche(GarefilError):
    """{name} has no fiche yet."""

    hint = 'write it with `garefil entrepreneur ajouter "{name}" --referent NAME`'
    exit_code = 4


class NotARequest(GarefilError):
    """{id} is a {type}, not a request (demande)."""

    hint = "`garefil demandes` lists the requests"
    exit_code = 5


class EmptyNote(GarefilError):
    """Empty note: nothing was saved."""

    hint = "write the note in the editor, or give its text with --body"
    exit_code = 13


class EditLeftEmpty(EmptyNote):
    """{path} came back empty from the editor: the note was left as it was."""

    hint = "the emptied draft is kept in {recovery}; to delete the note, use `garefil rm {path}`"
    exit_code = 13


class EditKeptTwice(GarefilError):
    """{path} changed while you were editing it, on the same lines: your version is in {copy}."""

    hint = (
        "nothing was overwritten; compare the two, then `garefil resolve {path}` keeps the note "
        "as it is, or `garefil resolve {copy} --take-other` takes your version"
    )
    exit_code = 9


class EditLeftBroken(InvalidNote):
    """{path}:{line}: the edited front-matter cannot be read ({detail}); note left as it was."""

    hint = "your text is kept in {recovery}: copy it back with `garefil edit {path}`, YAML fixed"
    exit_code = 5


class GitIdentityMissing(GarefilError):
    """Git does not know who you are, so the change cannot be signed."""

    hint = 'run: garefil config user "First Last" first.last@example.org'
    exit_code = 7


class GitFailure(GarefilError):
    """Git failed: {detail}."""

    hint = "run `garefil status`; nothing was deleted"
    exit_code = 7


class EditorFailed(GarefilError):
    """The editor '{editor}' could not be run ({detail})."""

    # `edit` has no --no-edit: only the commands that make a note can do without an editor.
    hint = (
        "set VISUAL or EDITOR (for example EDITOR=nano); `garefil new` also writes a note "
        "without an editor (--no-edit, --texte)"
    )
    exit_code = 11


class EditorNotFound(EditorFailed):
    """The editor '{editor}' cannot be found."""


class EditorNotChosen(EditorFailed):
    """No editor chosen, and no terminal to open nano or vi in: nothing was changed."""

    hint = (
        'choose yours: garefil config set editeur "code --wait" (or the EDITOR variable); '
        "a new note also takes its text with --texte ('-': standard input)"
    )


class EditorFailedKept(EditorFailed):
    """The editor '{editor}' failed ({detail}): nothing was saved in the notebook."""

    hint = "your text is kept in {recovery}; check VISUAL or EDITOR (for example EDITOR=nano)"


class InvalidQuery(GarefilError):
    """The search '{query}' cannot be read."""

    # -etat:brouillon leaves out the drafts; -brouillon would leave out only the word.
    hint = 'example: garefil search "pôle emploi" tag:are -etat:brouillon'
    exit_code = 5


class UnclosedQuote(InvalidQuery):
    """The search '{query}' has a " that is not closed."""


class UnbalancedParentheses(InvalidQuery):
    """The parentheses of the search '{query}' do not match."""


class DanglingOperator(InvalidQuery):
    """The search '{query}' has '{operator}' at one end, with nothing to join it to."""

    hint = 'example: garefil search "urssaf {operator} caf"'


class DoubledOperator(InvalidQuery):
    """The search '{query}' has two operators in a row: '{first} {second}'."""

    hint = 'keep one of them, for example: garefil search "urssaf {first} caf"'


class NothingToSearch(InvalidQuery):
    """The search '{query}' has no word to search."""


class EmptyField(InvalidQuery):
    """The field '{name}:' of the search '{query}' has no value."""

    hint = "write the value right after the colon, without a space: garefil search tag:urssaf"


class OnlyCommonWords(InvalidQuery):
    """The search '{query}' has only words too common to be searched."""

    hint = 'add a more precise word, for example: garefil search "mise en oeuvre"'


class UnknownField(InvalidQuery):
    """The search '{query}' names an unknown field '{name}:'."""

    hint = "fields: {known}"


class DateField(UnknownField):
    """The search '{query}' asks for dates with '{name}:': dates are chosen with options."""

    hint = "garefil search {words}--since {since} --until {until}"


class TwoFormats(GarefilError):
    """--json and --format {form} ask for two different formats: nothing was written."""

    hint = "keep one of them: --json is the short way to say --format json"
    exit_code = 2


class BlankTag(GarefilError):
    """No tag given for --tag: an empty tag would filter nothing."""

    hint = "write the tag, for example --tag urssaf (`garefil tags` lists them), or leave it out"
    exit_code = 5


class ReversedDates(GarefilError):
    """The period starts on {since}, after its end on {until}: no note can be in it."""

    hint = "swap the two dates: --since {until} --until {since}"
    exit_code = 5


class InvalidFieldFilter(GarefilError):
    """'{value}' is not a field filter: write FIELD=VALUE."""

    hint = "example: garefil list --champ lieu=Lyon"
    exit_code = 5


class UnknownNoteField(GarefilError):
    """No note has a front-matter field '{name}'."""

    hint = "fields found in the notes: {known} (addresses, dates and numbers are left out)"
    exit_code = 5


class UnknownNoteFieldClose(UnknownNoteField):
    """No note has a front-matter field '{name}'."""

    hint = "did you mean {close}? Fields found in the notes: {known}"


class UnfilteredValue(GarefilError):
    """The values of '{name}' cannot be filtered on: addresses, dates and numbers are not kept."""

    hint = "`garefil entrepreneurs` shows each entrepreneur's e-mail address; fields: {known}"
    exit_code = 5


class IndexBusy(GarefilError):
    """The search index is being updated by another garefil."""

    hint = "wait a moment and run the command again"
    exit_code = 10


class IndexDamaged(GarefilError):
    """The search index could not be read; it will be rebuilt from the notes."""

    hint = "run the command again"
    exit_code = 10


class IndexWriteFailed(GarefilError):
    """The search index could not be written ({detail}); the previous one is kept."""

    hint = "free some disk space, then run `garefil index`"
    exit_code = 10


class GitBusy(GitFailure):
    """Another git command is working on this notebook's repository."""

    hint = "wait a moment and run the command again"


class RemoteMissing(GarefilError):
    """This notebook has no shared repository yet."""

    hint = "add one with `garefil remote ADDRESS`"
    exit_code = 8


class SharedFolderIsANotebook(GarefilError):
    """{remote} is someone's notebook, not a shared repository: git refuses to send to it."""

    hint = (
        "make the shared repository with `git init --bare FOLDER`, then give it to each "
        "notebook with `garefil remote FOLDER`"
    )
    exit_code = 8


class RemoteUnreachable(GarefilError):
    """The shared repository {remote} cannot be reached."""

    hint = "check the network connection, then run `garefil sync` again"
    exit_code = 8


class RemoteNotFound(RemoteUnreachable):
    """There is no shared repository at {remote}."""

    hint = "check the address (`garefil remote` shows it, `garefil remote ADDRESS` changes it)"


class SharedFolderNotARepository(RemoteNotFound):
    """{remote} is a plain folder, not a shared repository."""

    hint = "`git init --bare {remote}` makes it one; then type the command again"


class SharedFolderMissing(RemoteNotFound):
    """There is no folder {remote} on this computer to share the notebook through."""

    hint = "check the address (a folder path, or a server's address), then type the command again"


class RemoteAuthenticationFailed(RemoteUnreachable):
    """The shared repository {remote} did not accept who you are."""

    hint = "check your login, password or SSH key for this server, then run `garefil sync` again"


class RemotePermissionDenied(RemoteUnreachable):
    """You may not write to the shared repository {remote}."""

    hint = "ask whoever manages the shared repository for write access"


class RemoteCertificateProblem(RemoteUnreachable):
    """The certificate of {remote} cannot be trusted."""

    hint = "the connection may be intercepted: ask whoever manages the server before going on"


class RemoteCertificateExpired(RemoteCertificateProblem):
    """The certificate of {remote} has expired."""

    hint = "ask whoever manages the server to renew it; nothing was sent or received"


class RemotePasswordRefused(RemoteAuthenticationFailed):
    """The server {remote} refused your login and password."""

    hint = "type them again as docs/sharing.md shows (credential helper); nothing was lost"


class RemoteCredentialsMissing(RemoteAuthenticationFailed):
    """The server {remote} asks for a login and password, and none is kept on this computer."""

    hint = "garefil never asks in the terminal: set up git's credential helper (docs/sharing.md)"


class RemoteKeyRefused(RemoteAuthenticationFailed):
    """The SSH server {remote} refused your key."""

    hint = "send your public key (~/.ssh/*.pub) to whoever manages the server; nothing was lost"


class RemoteHostUnknown(RemoteAuthenticationFailed):
    """The SSH server {remote} is not known to this computer yet."""

    hint = "check its fingerprint with whoever manages it, then accept it once by running ssh"


class RemoteHostKeyChanged(RemoteHostUnknown):
    """The SSH server {remote} does not show the key it showed before."""

    hint = "the connection may be intercepted: ask whoever manages the server before going on"


class ExportInNotebook(GarefilError):
    """{path} is inside the notebook: `garefil sync` would share it with the whole team."""

    hint = "write it outside the notebook, for example in your home folder (the default)"
    exit_code = 5


class PasswordInAddress(GarefilError):
    """The address {remote} holds a password, which git would keep in clear in the notebook."""

    hint = "give it without the password; git's credential helper keeps it (docs/sharing.md)"
    exit_code = 5


class SharedBranchesSplit(GarefilError):
    """The shared repository holds the notebook in several branches ({branches})."""

    hint = (
        "a notebook is one branch; from a notebook on {keep}, join them once: "
        "git fetch origin && git merge {merge} && git push origin HEAD:{keep} {delete}"
    )
    exit_code = 7


class AnotherNotebookShared(GarefilError):
    """{remote} holds another notebook, with no history in common: nothing was shared."""

    hint = (
        "to join the team's notebook: `garefil init --clone {remote} {folder}`; then, from it, "
        "`garefil import {here}` brings your own notes in"
    )
    exit_code = 12


class NotebookInsideNotebook(GarefilError):
    """{folder} is inside the notebook {notebook}: a notebook there would be recorded in it."""

    hint = "choose a folder outside it: `{command}`"
    exit_code = 12


class NotebookNotItsOwnRepository(GarefilError):
    """{notebook} is inside the git repository {top}: a sync would also share {path}."""

    hint = (
        "nothing was sent; run `garefil init` in {notebook}: the notebook gets a repository "
        "of its own, then `garefil remote ADDRESS` and `garefil sync` share its notes alone"
    )
    exit_code = 12


class AnotherNotebookNotCreated(AnotherNotebookShared):
    """{remote} already holds a notebook: nothing was created here."""

    hint = (
        "to join it: `garefil init --clone {remote} {folder}` (then `garefil import` brings in "
        "notes written elsewhere)"
    )


class NotebookNotWritable(GarefilError):
    """The notebook's folder {path} cannot be written to, so nothing was changed."""

    hint = "ask for write access to this folder, or work in your own copy"
    exit_code = 7


class IncomingSymlinks(GarefilError):
    """Refused: the team's changes bring symbolic links into the notebook ({paths})."""

    hint = (
        "nothing was merged and your notebook is unchanged; ask whoever added them to replace "
        "them by plain files, then run `garefil sync` again"
    )
    exit_code = 12


class IncomingSettingsRefused(GarefilError):
    """Refused: the team's settings (commit {commit}, {author}) are not merged: {problem}"""

    hint = (
        "nothing was merged and your notebook is unchanged; ask {author} to fix "
        ".garefil/config.toml and share it, then run `garefil sync` again"
    )
    exit_code = 12


class OutgoingSettingsRefused(GarefilError):
    """Refused: your notebook settings are not shared, garefil refuses them: {problem}"""

    hint = (
        "every teammate's sync would refuse them; fix .garefil/config.toml (`git log -p "
        ".garefil/config.toml` shows its earlier versions), then run `garefil sync` again"
    )
    exit_code = 12


class OutgoingSymlinks(GarefilError):
    """Refused: your commits add symbolic links to the notebook ({paths}); nothing was shared."""

    hint = (
        "every teammate's sync would refuse them; take them out with `garefil rm {first}` "
        "(or `git rm --cached {first}` and a commit, to keep the file on this computer), then "
        "run `garefil sync` again"
    )
    exit_code = 12


class PushRejected(GarefilError):
    """The shared repository refused the changes: someone shared theirs in between."""

    hint = "run `garefil sync` again"
    exit_code = 8


class ImportInterrupted(GarefilError):
    """Interrupted: the import was undone, no note was added."""

    hint = "run the same `garefil import` again: it imports every note"
    exit_code = 130


class ImportInterruptedRecorded(GarefilError):
    """Interrupted once the import was recorded: its notes are in the notebook."""

    hint = "do not import them again"
    exit_code = 130


class CreationNotRecorded(GarefilError):
    """Interrupted: the notebook is created in {path}, but not recorded in git yet."""

    hint = 'in it, run `garefil config user "Prénom Nom" prenom.nom@exemple.org`: that records it'
    exit_code = 130


class NoteNotRecorded(GitFailure):
    """The note is written in {path}, but git is busy: it is not recorded in the history yet."""

    hint = "do not write it again: `garefil sync` (or the next change) will record it"


class RebaseInProgress(GarefilError):
    """A git rebase was left unfinished in this notebook's repository."""

    hint = "run `git rebase --abort` (your commits are kept), then `garefil sync`"
    exit_code = 7


class NoConflict(GarefilError):
    """'{ref}' has no conflict to resolve."""

    hint = "`garefil status` lists the conflicts"
    exit_code = 4


class ConflictPending(GarefilError):
    """{path} has a conflict to resolve first: the other version is in {copy}."""

    hint = (
        "nothing was changed; settle it first with `garefil resolve {path}` "
        "(or take the other version), then try again"
    )
    exit_code = 9


class ConflictNoteMissing(GarefilError):
    """{copy} is the other version of {note}, which is no longer there."""

    hint = (
        "nothing was changed; compare the copy with the note by hand, "
        "then remove the copy with `garefil rm {copy}`"
    )
    exit_code = 4


class ImportFolderMissing(GarefilError):
    """{path} is not a folder: there is nothing to import from it."""

    hint = "give the folder that holds the notes to import, e.g. garefil import ~/anciennes-notes"
    exit_code = 5


class InvalidPeriod(GarefilError):
    """'{value}' is not a quarter."""

    hint = "write it as 2024T1 (January to March), 2024T2, 2024T3 or 2024T4"
    exit_code = 5


class PeriodBackwards(GarefilError):
    """The period ends ({end}) before it starts ({start})."""

    hint = "give --depuis the first day and --jusqu-au the last one"
    exit_code = 5


class ImportIntoItself(GarefilError):
    """{path} is the notebook itself (or one of its folders): its notes are already in it."""

    hint = "give a folder outside the notebook"
    exit_code = 5


class NotAnAppointment(GarefilError):
    """{id} is a {type}, not an appointment (rdv)."""

    hint = "`garefil list --type rdv` lists the appointments"
    exit_code = 5


class AppointmentStateRefused(GarefilError):
    """{id} is {status}: it cannot become {wanted}."""

    hint = "only an appointment still planned (prévu or reporté) changes state"
    exit_code = 5


class NotAReport(GarefilError):
    """{id} is a {type}, not a report (cr)."""

    hint = "`garefil list --type cr` lists the reports"
    exit_code = 5


class ReportExists(NoteExists):
    """The appointment {rdv} already has its report: {cr}."""

    hint = "open it with `garefil edit {cr}`"
    exit_code = 6


class NoteNotFoundClose(NoteNotFound):
    """No note matches '{ref}' (close: {close})."""


class AppointmentSameDate(GarefilError):
    """{id} is already on {when}: nothing changed."""

    hint = "give another date: garefil rdv reporte {id} --au 2020-04-10T14:00"
    exit_code = 5


class AppointmentWithoutDate(GarefilError):
    """{id} has no date: it cannot go in a calendar."""

    hint = "give it one: garefil rdv reporte {id} --au 2020-04-10T14:00"
    exit_code = 5


class MeetingHeld(NoteExists):
    """The meeting of {day} is over: its note keeps the agenda it was held with ({path})."""

    hint = (
        "`garefil reunion preparer` prepares the coming meeting; `garefil edit {id}` opens this one"
    )
    exit_code = 6


class OutputExists(NoteExists):
    """{path} exists already: nothing was overwritten."""

    hint = "give another file name, or remove this one first"
    exit_code = 6


class OutputNotWritable(GarefilError):
    """{path} cannot be written (no permission, or a read-only disk): nothing was written."""

    hint = "choose a folder you can write to, or ask for write access to this one"
    exit_code = 7  # like a notebook that cannot be written to


class OutputInTheWay(GarefilError):
    """A file or folder stands in the way of {path}: nothing was written."""

    hint = "give another path, or move what is there first"
    exit_code = 6


class OutputFolderMissing(GarefilError):
    """{path} cannot be written: its folder does not exist and cannot be created."""

    hint = "check the path, or give one in a folder that exists"
    exit_code = 5


class OutputFailed(GarefilError):
    """{path} could not be written ({detail}): nothing was written."""

    hint = "give another path, or free some space if the disk is full"
    exit_code = 5


class InputUnreadable(GarefilError):
    """{path} could not be used ({detail}): {output} was not finished."""

    # Most often a file the command reads (a note, a document); it may be one it writes beside
    # its output (the index, a temporary file): the words suit both.
    hint = "check that this file is there and that you may use it, then run the command again"
    exit_code = 5


class SiteFolderTaken(GarefilError):
    """{folder} holds files that are not a garefil site: nothing was written there."""

    hint = "choose an empty or new folder with --sortie (garefil site --sortie DOSSIER)"
    exit_code = 6


class SiteBusy(GarefilError):
    """The site in {folder} is being built by another garefil."""

    hint = "wait a moment and run the command again"
    exit_code = 10


class AlreadySent(NoteExists):
    """{id} was already sent on {day}."""

    hint = "add --encore to record another sending: the earlier one is kept"
    exit_code = 6


class NoEmail(GarefilError):
    """No e-mail address for {name}: the report cannot be sent."""

    hint = (
        "add it to the fiche (`garefil edit {fiche}`, field email), or write the message with "
        "--brouillon-eml FILE"
    )
    exit_code = 5


class AlreadySentByMail(AlreadySent):
    """{id} was already sent on {day}."""

    hint = "add --encore to send it again: the earlier sending is kept in the report's history"


class InvalidEmail(GarefilError):
    """'{value}' is not an e-mail address."""

    hint = (
        "write it whole, without spaces or accents, such as prenom.nom@exemple.org: "
        "nothing was written"
    )
    exit_code = 5


class InvalidFicheEmail(GarefilError):
    """{path}, line {line}: invalid e-mail address in the fiche of {name}: '{value}'."""

    hint = 'correct it: `garefil entrepreneur modifier "{name}" --email ADDRESS`'
    exit_code = 5


class SentInFuture(GarefilError):
    """{day} is still to come: a sending is recorded once it is done."""

    hint = "give the day it was sent with --le (today when left out); nothing was recorded"
    exit_code = 5


class AttachmentRefused(GarefilError):
    """{note}: the document {document} cannot be sent with the report: {detail}."""

    hint = (
        "nothing was sent; put it back or take it out of the report's `documents:` "
        "(`garefil edit {note}`), or send it from your own mail program (--brouillon-eml FILE)"
    )
    exit_code = 5


class UnsafeAttachment(AttachmentRefused):
    """{note}: the document {document} is a symbolic link or leads outside the notebook: refused."""

    exit_code = 12


class SmtpPasswordMissing(GarefilError):
    """The password of {login} on {server} is needed, and there is no terminal to ask it."""

    hint = "give it in the environment variable GAREFIL_SMTP_PASSWORD"
    exit_code = 5


class MailNotSent(GarefilError):
    """The mail server {server} did not take the message: nothing was sent."""

    hint = "nothing is recorded as sent; try again later, or send it yourself (--brouillon-eml)"
    exit_code = 8


class SmtpUnreachable(MailNotSent):
    """The mail server {server} cannot be reached ({detail}): nothing was sent."""

    hint = "check the network and the server's name and port; nothing is recorded as sent"


class SmtpTlsFailed(MailNotSent):
    """The secure connection to the mail server {server} failed ({detail}): nothing was sent."""

    hint = "check the port and securite (starttls or ssl); nothing is recorded as sent"


class SmtpAuthRefused(MailNotSent):
    """The mail server {server} refused the login {login}: nothing was sent."""

    hint = "check identifiant and the password (GAREFIL_SMTP_PASSWORD); nothing is recorded"


class SmtpRecipientRefused(MailNotSent):
    """The mail server {server} refused the address {recipients}: nothing was sent."""

    hint = "check the e-mail address in the fiche; nothing is recorded as sent"


class SmtpRefused(MailNotSent):
    """The mail server {server} refused the message ({detail}): nothing was sent."""


class InvalidPadAddress(GarefilError):
    """'{url}' is not a pad's address."""

    hint = "give the whole address, starting with https://"
    exit_code = 5


class NotAPad(GarefilError):
    """{id} is a {type}, not a pad."""

    hint = "`garefil pads` lists the pads"
    exit_code = 5


class PadUnreachable(GarefilError):
    """The pad {pad} cannot be reached ({detail}); nothing was changed."""

    hint = "check the network connection and the address, then try again"
    exit_code = 8


class PadNotFound(PadUnreachable):
    """The pad {pad} was not found (error {status}); nothing was changed."""

    hint = "the pad may have been deleted; its last copy stays in the note"


class PadNeverCopiedNotFound(PadNotFound):
    """The pad {pad} was not found (error {status}); nothing was changed."""

    hint = "the pad may have been deleted, or its address mistyped; it was never copied here"


class PadNeedsLogin(PadUnreachable):
    """The pad {pad} answered with a web page, not its text (a login page?); nothing was changed."""

    hint = "the pad may be private; its export address can be set in [pads.export] (docs/pads.md)"


class PadRedirected(PadNeedsLogin):
    """The pad {pad} leads to another page ({page}), which asks for a login; nothing changed."""


class PadTooLarge(GarefilError):
    """The pad {pad} is larger than {limit} kB; nothing was changed."""

    hint = "raise taille_max_ko in the [pads] section of .garefil/config.toml if it is expected"
    exit_code = 5


class DuplicatePad(NoteExists):
    """The pad {url} is registered already: {id}."""

    hint = "`garefil pads` lists the pads"
    exit_code = 6


class DocumentExists(NoteExists):
    """This document is filed already: {path}."""

    hint = "link the existing copy rather than a second one"
    exit_code = 6


class NotARegularFile(GarefilError):
    """{path} is not a file that can be filed."""

    hint = "give the path of a document (PDF, text, office file…)"
    exit_code = 5


class DocumentMissing(NotARegularFile):
    """There is no file {path}."""

    hint = "check the file's name and the folder it is in"


class ItemNotFound(GarefilError):
    """No decision or action has the id '{id}'."""

    hint = "`garefil decisions` and `garefil actions` show the ids"
    exit_code = 4


class DecisionNotAction(ItemNotFound):
    """{id} is a decision, not an action: `garefil decision` changes it."""

    hint = "`garefil decision --help` lists what can be done with a decision"


class ActionNotDecision(ItemNotFound):
    """{id} is an action, not a decision: `garefil action` changes it."""

    hint = "`garefil action --help` lists what can be done with an action"


class UnknownDecisionStatus(GarefilError):
    """'{status}' is not a decision status."""

    hint = "statuses: {statuses}"
    exit_code = 5


class DecisionNotProposed(GarefilError):
    """Decision {id} is '{status}': only a proposed decision can be adopted or abandoned."""

    hint = '`garefil decision remplacer {id} "…"` replaces an adopted decision'
    exit_code = 5


class DecisionAlreadyReplaced(GarefilError):
    """{id} is already replaced by {by}."""

    hint = '`garefil decision remplacer {by} "…"` replaces the decision in force'
    exit_code = 5


class NoMeetingNote(GarefilError):
    """No meeting note to write the {what} in."""

    hint = "write one with `garefil reunion preparer`, or name a note with --dans"
    exit_code = 4


class OnlyComingMeetings(GarefilError):
    """No meeting held yet to write the {what} in: the meeting notes are all still to come."""

    hint = "name the note to write it in with --dans, e.g. `--dans {coming}`"
    exit_code = 4


class NoRegisterSection(GarefilError):
    """{path} has no '{heading}' heading to write under."""

    hint = "add the heading (`## {heading}`) with `garefil edit`, then try again"
    exit_code = 5


class ItemLineChanged(GarefilError):
    """{path}:{line}: the line of {id} is not as expected; nothing was written."""

    hint = "check the note with `garefil show`, then try again"
    exit_code = 5


class AppointmentNotYet(GarefilError):
    """Appointment {id} is set for {when}: it cannot have been held yet."""

    hint = "moved to another day? `garefil rdv reporte {id} --au DATE`"
    exit_code = 5


class AppointmentWithoutTime(GarefilError):
    """'{value}' gives the appointment's day but not its time."""

    hint = 'add the hour, for example --date "{value} 14h"'
    exit_code = 5


class AppointmentNotPlanned(GarefilError):
    """An appointment is written with its day and hour: --date is missing."""

    hint = 'give them, for example --date "demain 14h"'
    exit_code = 5


class BlankName(GarefilError):
    """No name given for {what}: a person's name cannot be empty."""

    hint = 'write the first and last name between quotes, for example "Awa Diallo"'
    exit_code = 5


class EmptyItem(GarefilError):
    """Nothing to write: the text is empty."""

    hint = "write it between quotes"
    exit_code = 5
