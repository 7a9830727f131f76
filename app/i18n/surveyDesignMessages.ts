/**
 * More of the survey builder's text: reading a survey without editing it, blocks, matrix rows, page
 * descriptions, the question before a page goes, and personal links. Italian has every English key.
 */
export const surveyDesignEn = {
  'builder.view': 'View',
  'builder.readOnly':
    'You are reading this survey: your role does not change surveys, so nothing here edits, saves or publishes.',
  'builder.tab.versions': 'Versions',
  'builder.pageDescription': 'Page description ({language})',
  'builder.addTarget': 'Add to',
  'builder.newBlock': 'A new block',
  'builder.joinBlock': 'Join with the block above',
  'builder.splitHere': 'Start a new block here',
  'builder.moveToBlock': 'Move to block',
  'builder.blockOption': 'Page {n} ({name}) · block {id}',
  'builder.move': 'Move',
  'builder.matrixRows': 'Rows of {id}',
  'builder.row.id': 'Row {n} key',
  'builder.row.text': 'Row {n} text ({language})',
  'builder.row.remove': 'Remove row {n}',
  'builder.row.add': 'Add row',
  'builder.lastOfPage':
    'This is the last question of page {n}, and a page cannot be empty. Remove page {n} with it?',
  'builder.removeWithPage': 'Remove the question and page {n}',
  'builder.moveLastOfPage':
    'Moving this question away leaves page {n} empty, and a page cannot be empty. Move it and remove page {n}?',
  'builder.moveWithPage': 'Move it and remove page {n}',
  'builder.onlyQuestion': 'This is the only question of the survey: add another before removing it.',
  'builder.keepIt': 'Keep it as it is',
  'builder.personalLinkPick': 'Find a contact',
  'builder.personalLinkSearch': 'Name, e-mail or account',
  'builder.personalLinkSearchHelp':
    'Contacts of the accounts in your part of the organisation. Type at least two characters.',
  'builder.personalLinkSearching': 'Searching…',
  'builder.personalLinkResults': 'Contacts found: {n}',
  'builder.personalLinkNone': 'No contact matches.',
  'builder.personalLinkContact': 'Contact',
  'builder.personalLinkAccount': 'Account',
  'builder.personalLinkLanguage': 'Language',
  'builder.personalLinkOptedOut': 'opted out: no link',
  'builder.personalLinkCreate': 'Create a personal link',
  'builder.personalLinkFor': 'Personal link for {name}',
  'builder.personalLinkOnce':
    'Shown only this once: copy it now. It works for one answer, until {date}. Creating another makes a new link.',
  'builder.personalLinkUnpublished':
    'Publish the survey first: a personal link leads to the published version.',
} as const;

export const surveyDesignIt: Record<keyof typeof surveyDesignEn, string> = {
  'builder.view': 'Visualizza',
  'builder.readOnly':
    'Stai consultando questo questionario: il tuo ruolo non modifica i questionari, quindi qui nulla modifica, salva o pubblica.',
  'builder.tab.versions': 'Versioni',
  'builder.pageDescription': 'Descrizione della pagina ({language})',
  'builder.addTarget': 'Aggiungi a',
  'builder.newBlock': 'Un nuovo blocco',
  'builder.joinBlock': 'Unisci al blocco precedente',
  'builder.splitHere': 'Inizia un nuovo blocco da qui',
  'builder.moveToBlock': 'Sposta nel blocco',
  'builder.blockOption': 'Pagina {n} ({name}) · blocco {id}',
  'builder.move': 'Sposta',
  'builder.matrixRows': 'Righe di {id}',
  'builder.row.id': 'Chiave della riga {n}',
  'builder.row.text': 'Testo della riga {n} ({language})',
  'builder.row.remove': 'Rimuovi la riga {n}',
  'builder.row.add': 'Aggiungi una riga',
  'builder.lastOfPage':
    'È l’ultima domanda della pagina {n} e una pagina non può restare vuota. Rimuovere anche la pagina {n}?',
  'builder.removeWithPage': 'Rimuovi la domanda e la pagina {n}',
  'builder.moveLastOfPage':
    'Spostando questa domanda la pagina {n} resta vuota, e una pagina non può essere vuota. Spostarla e rimuovere la pagina {n}?',
  'builder.moveWithPage': 'Spostala e rimuovi la pagina {n}',
  'builder.onlyQuestion': 'È l’unica domanda del questionario: aggiungine un’altra prima di rimuoverla.',
  'builder.keepIt': 'Lascia com’è',
  'builder.personalLinkPick': 'Cerca un contatto',
  'builder.personalLinkSearch': 'Nome, e-mail o cliente',
  'builder.personalLinkSearchHelp':
    'I contatti dei clienti nella tua parte dell’organizzazione. Scrivi almeno due caratteri.',
  'builder.personalLinkSearching': 'Ricerca in corso…',
  'builder.personalLinkResults': 'Contatti trovati: {n}',
  'builder.personalLinkNone': 'Nessun contatto corrisponde.',
  'builder.personalLinkContact': 'Contatto',
  'builder.personalLinkAccount': 'Cliente',
  'builder.personalLinkLanguage': 'Lingua',
  'builder.personalLinkOptedOut': 'ha revocato il consenso: nessun link',
  'builder.personalLinkCreate': 'Crea un link personale',
  'builder.personalLinkFor': 'Link personale per {name}',
  'builder.personalLinkOnce':
    'Viene mostrato solo ora: copialo subito. Vale per una sola risposta, fino al {date}. Crearne un altro genera un nuovo link.',
  'builder.personalLinkUnpublished':
    'Prima pubblica il questionario: un link personale porta alla versione pubblicata.',
};
