/**
 * Test facts and labels for the certificate's tests: a Kazakh name and Kazakh labels that between
 * them hold every letter of the Kazakh alphabet that Russian lacks (ә ғ қ ң ө ұ ү һ і).
 */
import type { CertificateFacts, CertificateIssuer } from './credential.ts';
import type { CertificateLabels } from './pdf.ts';

export const facts: CertificateFacts = {
  code: 'SC-7K4M-2P9Q-W',
  holderName: 'Әлия Ғалымқызы Құрманова',
  courseKey: 'adoptive-parents',
  courseTitles: {
    kk: 'Қаһарман ата-ана: баланы отбасына қабылдауға дайындық',
    ru: 'Школа приемных родителей: подготовка к принятию ребенка в семью',
    en: 'School of adoptive parents: preparing to welcome a child into the family',
  },
  academicHours: 37.5,
  issuedAt: new Date('2025-03-14T09:26:53Z'),
};

export const issuer: CertificateIssuer = {
  id: 'https://alaqan.example.kz/school/issuer/',
  name: 'Алақан — Асырап алушы ата-аналар мектебі',
};

export const verifyUrl = 'https://alaqan.example.kz/verify/SC-7K4M-2P9Q-W/';

const number = (locale: string) => (value: number) => new Intl.NumberFormat(locale).format(value);
const date = (locale: string) => (value: Date) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Asia/Almaty' }).format(value);

export const labels: CertificateLabels = {
  kk: {
    heading: 'Сертификат',
    awardedTo: 'Осы сертификат берілді',
    forCompleting: 'Асырап алушы ата-аналар мектебінің курсын толық әрі табысты өткені үшін',
    hours: (n) => `Көлемі: ${number('kk-KZ')(n)} академиялық сағат`,
    issuedOn: (value) => `Берілген күні: ${date('kk-KZ')(value)}`,
    code: 'Сертификат нөмірі',
    verifyAt: 'Түпнұсқалығын тексеру',
  },
  ru: {
    heading: 'Сертификат',
    awardedTo: 'Настоящий сертификат выдан',
    forCompleting: 'за полное прохождение курса Школы приемных родителей',
    hours: (n) => `Объем: ${number('ru-RU')(n)} академического часа`,
    issuedOn: (value) => `Дата выдачи: ${date('ru-RU')(value)}`,
    code: 'Номер сертификата',
    verifyAt: 'Проверить подлинность',
  },
  en: {
    heading: 'Certificate',
    awardedTo: 'This certificate is awarded to',
    forCompleting: 'for completing the course of the School of adoptive parents',
    hours: (n) => `${number('en-GB')(n)} academic hours`,
    issuedOn: (value) => `Issued on ${date('en-GB')(value)}`,
    code: 'Certificate number',
    verifyAt: 'Check that it is genuine at',
  },
};
