/**
 * The house style: each rule catches what it is for, names what to write instead, and leaves
 * alone the text that only looks like a breach (years, document numbers, addresses, IINs).
 */
import { describe, expect, it } from 'vitest';
import { styleProblems, textFields } from './style.ts';

describe('the house style', () => {
  it('accepts text written in it', () => {
    expect(styleProblems('ru', 'Вы можете обратиться в орган опеки Вашего района — там Вам помогут.')).toEqual([]);
    expect(styleProblems('kk', 'Сіз баланы отбасына орналастыру туралы өтініш бере аласыз.')).toEqual([]);
    expect(styleProblems('en', 'Ask your district’s guardianship authority.')).toEqual([]);
  });

  it.each([
    ['ru', 'Если вы потеряли код', '«Вы»'],
    ['ru', 'проверьте ваш адрес', '«Вы»'],
    ['ru', 'Школа приёмных родителей', '«ё»'],
    ['ru', 'портал Алакан', '«Алақан»'],
    ['ru', 'Размер в наших источниках не указан', 'where to ask'],
    ['kk', 'балаларды отбасыға орналастыру', '«отбасына»'],
    ['kk', 'Біздің дереккөздерде сома көрсетілмеген', 'where to ask'],
    ['kk', 'сотталғандығыңыз туралы', '«соттылық»'],
    ['kk', 'сізге хабарлаймыз', '«Сіз»'],
    ['en', 'Our sources give no amount', 'where to ask'],
    ['ru', 'решение № 245 и №692', '"№"'],
    ['kk', 'Тәлімгерлік – ерікті іс', 'em dash'],
    ['ru', 'в регионе 1352 ребенка', 'group the digits'],
    ['kk', '433070 бала', 'group the digits'],
  ] as const)('in %s, "%s" is reported (%s)', (lang, text, expected) => {
    const problems = styleProblems(lang, text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('names every occurrence, with its context', () => {
    const problems = styleProblems('ru', 'вы и ваш ребенок');
    expect(problems).toHaveLength(2);
    expect(problems[1]).toContain('ваш ребенок');
  });

  it.each([
    'в 2020 году, с 2015–2020 годов',
    'постановление № 1245 от 21 декабря 2007 года',
    'https://adilet.zan.kz/rus/docs/K1100000518',
    'ИИН 880101300012',
    'дата 2026-01-24',
    'выберите вариант и выход', // words that begin like «вы» are not «вы»
    '1 352 ребенка, из них 92 (6,8%)',
    'Шесть цифр, например 482913',
  ])('leaves "%s" alone', (text) => {
    expect(styleProblems('ru', text)).toEqual([]);
  });

  it('leaves a quoted official title as its publisher wrote it', () => {
    expect(styleProblems('kk', 'eGov-тағы «Балаларды қонақ отбасыға беру» қызметі')).toEqual([]);
    expect(styleProblems('kk', '«Балаларды «қонақ отбасыға» беру» қызметі арқылы отбасыға')).toHaveLength(1);
  });

  it('finds every string of a nested value, with the path of its field', () => {
    expect([...textFields({ title: 'a', steps: [{ text: 'b' }], order: 1 })]).toEqual([
      ['title', 'a'],
      ['steps[0].text', 'b'],
    ]);
  });
});
