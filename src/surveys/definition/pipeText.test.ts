import { describe, expect, it } from 'vitest';
import { pipeText } from './pipeText.ts';

describe('pipeText', () => {
  const context = {
    contact: { firstName: 'Giulia', age: 41 },
    account: { name: 'Acme <Rail>' },
    hidden: { orderRef: 'PO-7', empty: null },
  };

  it('substitutes contact, account and hidden placeholders', () => {
    expect(
      pipeText('Hi {{contact.firstName}}, about {{account.name}} order {{ hidden.orderRef }}', context),
    ).toBe('Hi Giulia, about Acme <Rail> order PO-7');
  });

  it('renders numbers as text and escapes nothing', () => {
    expect(pipeText('{{contact.age}} & {{account.name}}', context)).toBe('41 & Acme <Rail>');
  });

  it('renders unknown namespaces, keys, null values and malformed placeholders as empty', () => {
    expect(
      pipeText('[{{contact.lastName}}][{{user.name}}][{{hidden.empty}}][{{name}}][{{account.}}]', context),
    ).toBe('[][][][][]');
  });

  it('does not read inherited properties', () => {
    expect(pipeText('{{contact.toString}}', context)).toBe('');
  });

  it('leaves text without placeholders and single braces alone', () => {
    expect(pipeText('Price {in} EUR {{', {})).toBe('Price {in} EUR {{');
  });
});
