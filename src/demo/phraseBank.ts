import type { ForceKey } from '../domain/forces/index.ts';

type Bank = Record<ForceKey, { fulfilled: string[]; tension: string[] }>;

/**
 * Short demo comments, written for Rapport, tied to the Force and polarity that produced them. The
 * generator picks a respondent's most extreme Force and draws from here, so a comment always agrees
 * with the scores beside it.
 */
export const PHRASE_BANK: Record<'en' | 'it', Bank> = {
  en: {
    certainty: {
      fulfilled: [
        'We always know where our orders are, and the delivery dates you give are the dates we get.',
        'Your team warns us early when something changes, so I can brief my director before anyone asks.',
        'The weekly status note is clear and honest. No surprises this year.',
      ],
      tension: [
        'Nobody told us the shipment was delayed until the production line had already stopped.',
        'The ETA changed three times in one week and we had to chase you every time.',
        'I never know what happens next with a request, so I cannot plan my team around it.',
      ],
    },
    control: {
      fulfilled: [
        'Being able to change delivery slots in the portal ourselves saves us a lot of calls.',
        'We can track every consignment live and pick the channel that suits us.',
        'You adapted the service level to our peak season without any fuss.',
      ],
      tension: [
        'Every small change still needs an email to the account manager and a two-day wait.',
        'The portal is read-only for us, so we depend on your office hours for everything.',
        'We asked for a different delivery window and were told the process does not allow it.',
      ],
    },
    fairTreatment: {
      fulfilled: [
        'Prices are transparent and when we disputed an invoice it was settled within a week.',
        'You held our rates during a difficult quarter for us, and we have not forgotten it.',
        'The terms feel balanced: we get what we pay for and nothing is hidden.',
      ],
      tension: [
        'Another surcharge appeared on the invoice that nobody had mentioned in the contract.',
        'The late-delivery penalty only ever applies to us, never to you.',
        'Our complaint about the damaged pallets has been open for two months.',
      ],
    },
    belonging: {
      fulfilled: [
        'It feels like one team: your engineers join our planning meetings as if they worked here.',
        'We share the same view on sustainability and it shows in how you run the routes.',
        'The customer community days are useful and we always leave with new contacts.',
      ],
      tension: [
        'We only hear from you when there is something to sell.',
        'Decisions that affect us are taken without ever asking for our view.',
        'Your recent conduct on supplier payments does not sit well with our values.',
      ],
    },
    status: {
      fulfilled: [
        'After eight years together you still treat us like a key account and it shows.',
        'Your director came to our site personally when we had the recall, which my board noticed.',
        'The quarterly review helped me present real savings to my management.',
      ],
      tension: [
        'We have been customers for a decade and still feel like just another order number.',
        'Our account was handed to a junior contact without a word of explanation.',
        'Nobody went the extra mile when we really needed it.',
      ],
    },
    enjoyment: {
      fulfilled: [
        'Working with your team is easy and, honestly, quite pleasant.',
        'Our meetings are efficient and I actually look forward to them.',
        'Ordering takes two minutes and everything just works.',
      ],
      tension: [
        'Every interaction is hard work: forms, reference numbers, then forms again.',
        'Dealing with your support line is exhausting and frustrating.',
        'The new ordering process is tedious and slower than the old one.',
      ],
    },
  },
  it: {
    certainty: {
      fulfilled: [
        'Sappiamo sempre dove sono i nostri ordini e le date promesse vengono rispettate.',
        'Ci avvisate per tempo quando qualcosa cambia, così posso informare il mio direttore prima che me lo chieda.',
        'Il resoconto settimanale è chiaro e sincero. Nessuna sorpresa quest\u2019anno.',
      ],
      tension: [
        'Nessuno ci ha detto del ritardo finché la linea di produzione non si è fermata.',
        'La data di consegna è cambiata tre volte in una settimana e abbiamo dovuto sollecitarvi ogni volta.',
        'Non so mai cosa succederà dopo una richiesta, quindi non riesco a organizzare il lavoro.',
      ],
    },
    control: {
      fulfilled: [
        'Poter spostare da soli le finestre di consegna sul portale ci fa risparmiare molte telefonate.',
        'Seguiamo ogni spedizione in tempo reale e scegliamo noi il canale più comodo.',
        'Avete adattato il livello di servizio alla nostra alta stagione senza problemi.',
      ],
      tension: [
        'Per ogni piccola modifica serve ancora una mail al commerciale e due giorni di attesa.',
        'Il portale per noi è di sola lettura: dipendiamo dai vostri orari d\u2019ufficio per tutto.',
        'Abbiamo chiesto un\u2019altra fascia di consegna e ci è stato risposto che la procedura non lo consente.',
      ],
    },
    fairTreatment: {
      fulfilled: [
        'I prezzi sono trasparenti e la contestazione di una fattura è stata chiusa in una settimana.',
        'Avete mantenuto le tariffe in un trimestre difficile per noi e non lo dimentichiamo.',
        'Le condizioni sono equilibrate: paghiamo il giusto e non ci sono costi nascosti.',
      ],
      tension: [
        'In fattura è comparso un altro supplemento di cui il contratto non parlava.',
        'La penale per i ritardi vale sempre solo per noi, mai per voi.',
        'Il reclamo per i bancali danneggiati è aperto da due mesi.',
      ],
    },
    belonging: {
      fulfilled: [
        'Sembra di essere un\u2019unica squadra: i vostri tecnici partecipano alle nostre riunioni di pianificazione.',
        'Condividiamo la stessa idea di sostenibilità e si vede da come gestite i trasporti.',
        'Le giornate dedicate ai clienti sono utili e torniamo sempre con nuovi contatti.',
      ],
      tension: [
        'Vi fate sentire solo quando c\u2019è qualcosa da venderci.',
        'Le decisioni che ci riguardano vengono prese senza mai chiedere il nostro parere.',
        'Il vostro comportamento recente sui pagamenti ai fornitori non è in linea con i nostri valori.',
      ],
    },
    status: {
      fulfilled: [
        'Dopo otto anni insieme ci trattate ancora come un cliente chiave, e si nota.',
        'Il vostro direttore è venuto di persona durante il richiamo del prodotto e la nostra direzione l\u2019ha apprezzato.',
        'La revisione trimestrale mi ha aiutato a presentare risparmi concreti ai miei capi.',
      ],
      tension: [
        'Siamo clienti da dieci anni e ci sentiamo ancora un numero d\u2019ordine qualsiasi.',
        'Il nostro conto è passato a un referente junior senza alcuna spiegazione.',
        'Nessuno ha fatto uno sforzo in più quando ne avevamo davvero bisogno.',
      ],
    },
    enjoyment: {
      fulfilled: [
        'Lavorare con il vostro team è semplice e, sinceramente, piacevole.',
        'Le nostre riunioni sono efficaci e le aspetto volentieri.',
        'Ordinare richiede due minuti e funziona tutto.',
      ],
      tension: [
        'Ogni contatto è una fatica: moduli, codici di riferimento e poi altri moduli.',
        'Parlare con la vostra assistenza è estenuante e frustrante.',
        'La nuova procedura d\u2019ordine è noiosa e più lenta della precedente.',
      ],
    },
  },
};
