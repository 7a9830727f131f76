/** Okabe–Ito: told apart with the common colour-vision deficiencies; every series also has a name, a symbol or a label. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];
export const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'];
