/**
 * Short business comments in languages other than English and Italian (German, French, Spanish,
 * Portuguese, Dutch, Polish, Swedish), written for the team's tests of language detection: the
 * training corpus has none.
 */
export const FOREIGN_COMMENTS: readonly string[] = [
  'Die Lieferung kam zwei Tage zu spät.',
  'Rechnung falsch, bitte korrigieren',
  'Der Support war sehr hilfsbereit',
  'Schnelle Lieferung',
  'Kundendienst unfreundlich',
  'Wir warten seit drei Wochen auf eine Antwort.',
  'La factura tiene errores otra vez.',
  'Muy buen servicio, gracias',
  'Servicio lento y caro',
  'Entrega rápida',
  'Nadie nos avisó del retraso del pedido.',
  'Le service client ne répond jamais.',
  'Très bon accueil, merci',
  "Le technicien est arrivé à l'heure",
  'Livraison rapide',
  'Les prix ont encore augmenté sans explication.',
  'O atendimento foi excelente.',
  'Preços justos e transparentes',
  'A fatura chegou com valores errados.',
  'De levering was op tijd, prima.',
  'Facturen kloppen nooit',
  'Zeer tevreden over de samenwerking',
  'Dostawa była opóźniona o tydzień.',
  'Leveransen var sen igen.',
];
