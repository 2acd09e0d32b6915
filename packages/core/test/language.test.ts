import { describe, expect, it } from 'vitest';
import { detectLanguage, languageName, languageWarnings } from '../src/text/language.ts';

// Every text here was written for this test.

const ENGLISH: Record<string, string[]> = {
  reviews: [
    'This product broke after two days.',
    'The battery lasts all day and the screen is bright.',
    'Terrible customer support, they never answered my emails.',
    'Great hotel, friendly staff, comfy beds',
    'Worst airline ever, lost luggage again',
    'Cheap plastic, feels fragile.',
    'A masterpiece of modern cinema.',
    'Totally awesome pizza, super tasty crust',
    'Sushi was fresh and the service was quick.',
    'Loved the tacos at Casa Maria!',
  ],
  tweets: [
    '@jenny_k lol same here 😂',
    'just landed in Boston ✈️ #travel',
    'check this out https://t.co/abc123 so cool',
    'omg this is amazing 😍😍',
    'RT @newsdesk: Storm warning issued for the coast',
    'happy birthday bro 🎉🎂',
    "can't wait for the weekend!!",
    'THIS IS THE WORST AIRLINE EVER!!!',
    'gonna be late, traffic is insane',
    '@SkyHighAir @support flight 221 delayed AGAIN, 3 hours on the tarmac',
  ],
  news: [
    'The city council voted on Tuesday to approve the new budget.',
    'Officials said the bridge would reopen next month after repairs.',
    'Stocks fell sharply on Wall Street amid fears of a recession.',
    'Pope Francis visits Buenos Aires slums',
    'Juventus beats Napoli in Turin derby',
    'Ferrari unveils new Maranello supercar',
    'Vladimir Putin meets Xi Jinping',
    'Barcelona beat Madrid 3-1 last night.',
    'Hugo Chavez successor Nicolas Maduro sworn',
    'Quarterly revenue rose 12% to $4.2 billion.',
  ],
  questions: [
    'Does anyone know when the store opens tomorrow?',
    'Why is the train always late on Mondays?',
    'What time is the meeting?',
    'Anyone else having trouble logging in?',
  ],
  short: ['great movie!', 'ok', 'meh', 'Fine.', 'wow', 'thx', 'yay', 'gr8 job m8', 'Not worth it', 'Sorry'],
  'with foreign words': [
    'Je suis Charlie, said the protesters in London on Sunday.',
    'The menu had croque monsieur, paella valenciana and spaghetti alla carbonara.',
    'Mi casa es su casa, as my grandmother used to say.',
    'Guten Tag, Berlin marathon runners',
    'Viva Las Vegas weekend trip',
    'Mamma mia, delicious pasta carbonara tonight',
  ],
};

const FOREIGN: Record<string, string[]> = {
  fr: [
    'Je ne sais pas ce que tu veux dire.',
    'Le gouvernement a annoncé de nouvelles mesures hier soir.',
    'Nous avons mangé dans un petit restaurant près de la gare.',
  ],
  es: [
    'No me gustó nada la película, fue muy aburrida.',
    '¿Dónde está la estación de tren más cercana?',
    '@maria jajaja no puedo creer lo que pasó ayer en la fiesta 😂😂 https://t.co/xyz',
  ],
  de: [
    'Das Essen war kalt und der Kellner war unfreundlich.',
    'Die Regierung hat gestern neue Maßnahmen beschlossen.',
    'Ich habe das Produkt letzte Woche gekauft und bin leider sehr enttäuscht.',
  ],
  pt: [
    'O filme foi muito bom, adorei a história.',
    'Não sei onde deixei as minhas chaves.',
    'A comida estava ótima e o atendimento foi rápido.',
  ],
  it: [
    'Il governo ha approvato la nuova legge ieri sera.',
    'Non so dove ho lasciato le chiavi della macchina.',
    'Il cibo era ottimo e il servizio molto gentile.',
  ],
  nl: [
    'De regering heeft gisteren nieuwe maatregelen aangekondigd.',
    'Ik weet niet waar mijn sleutels zijn.',
    'Het eten was lekker maar de bediening was traag.',
  ],
  ru: ['Этот фильм был очень интересным.', 'Я не знаю, где мои ключи.', 'Спасибо за помощь!'],
  zh: ['这部电影非常好看，我很喜欢。', '政府昨天宣布了新的经济政策。', '谢谢你的帮助！'],
  ja: [
    'この映画はとても面白かったです。',
    '政府は昨日新しい経済対策を発表しました。',
    'ありがとうございます！',
  ],
  ar: [
    'كان الفيلم ممتعا جدا وأنصح بمشاهدته.',
    'أعلنت الحكومة عن إجراءات جديدة أمس.',
    'شكرا جزيلا على مساعدتك.',
  ],
};

const NAMES: Record<string, string> = {
  fr: 'French',
  es: 'Spanish',
  de: 'German',
  pt: 'Portuguese',
  it: 'Italian',
  nl: 'Dutch',
  ru: 'Russian',
  zh: 'Chinese',
  ja: 'Japanese',
  ar: 'Arabic',
};

describe('languageWarnings on English', () => {
  for (const [kind, texts] of Object.entries(ENGLISH)) {
    it(`does not warn on ${kind}`, () => {
      for (const text of texts) expect(languageWarnings(text), text).toEqual([]);
    });
  }

  it('calls ordinary English sentences English', () => {
    for (const text of [...ENGLISH.reviews!, ...ENGLISH.questions!]) {
      expect(detectLanguage(text), text).toEqual({ language: 'en', reliable: true });
    }
  });
});

describe('languageWarnings on other languages', () => {
  for (const [code, texts] of Object.entries(FOREIGN)) {
    it(`warns NON_ENGLISH on ${NAMES[code]}`, () => {
      for (const text of texts) {
        expect(detectLanguage(text), text).toEqual({ language: code, reliable: true });
        expect(languageWarnings(text), text).toEqual([
          {
            code: 'NON_ENGLISH',
            message: `The text looks like ${NAMES[code]} (${code}); the built-in models are trained on English, so this result may be unreliable.`,
          },
        ]);
      }
    });
  }

  it('also names languages beyond the common ten', () => {
    const cases: [string, string][] = [
      ['pl', 'Wczoraj byliśmy w kinie i film bardzo nam się podobał.'],
      ['sv', 'Vi åkte till landet i helgen och det regnade hela tiden.'],
      ['tr', 'Dün akşam arkadaşlarımla birlikte güzel bir restoranda yemek yedik.'],
      ['ko', '어제 친구들과 함께 영화를 봤는데 정말 재미있었어요.'],
      ['el', 'Χθες πήγαμε στον κινηματογράφο και η ταινία ήταν υπέροχη.'],
      ['uk', 'Вчора ми ходили в кіно, і фільм нам дуже сподобався.'],
    ];
    for (const [code, text] of cases) {
      expect(detectLanguage(text), text).toEqual({ language: code, reliable: true });
      expect(languageWarnings(text)[0]?.message, text).toContain(`(${code})`);
    }
  });
});

describe('text too short or without words', () => {
  const texts = [
    '',
    '   \n\t ',
    '12345 678.90',
    '+1 (555) 010-2030',
    '🎉🎉🎉',
    '😂👍🔥❤️',
    'https://example.com/a/b?c=1',
    '@user @other #tag',
    'info@example.org',
    '!!!???...',
    'SKU 12345 ABC-99 XL',
    'Merci',
    'Gracias amigo',
  ];
  for (const text of texts) {
    it(`does not warn on ${JSON.stringify(text)}`, () => {
      expect(languageWarnings(text)).toEqual([]);
      expect(detectLanguage(text).reliable).toBe(false);
    });
  }

  it('returns und when there is nothing to judge', () => {
    expect(detectLanguage('')).toEqual({ language: 'und', reliable: false });
    expect(detectLanguage('🎉🎉🎉')).toEqual({ language: 'und', reliable: false });
    expect(detectLanguage('2024-01-01 12:00')).toEqual({ language: 'und', reliable: false });
  });
});

describe('long and unusual input', () => {
  const englishParagraph =
    'The city council met on Tuesday evening to debate the proposed budget, which includes new ' +
    'funding for public transport, parks and libraries. Several residents spoke in favour of the plan, ' +
    'while others warned that property taxes would rise. ';
  const frenchParagraph =
    "Le conseil municipal s'est réuni mardi soir pour débattre du budget proposé, qui prévoit de " +
    'nouveaux crédits pour les transports publics, les parcs et les bibliothèques. ';

  it('judges a 100,000-character text from a bounded sample, quickly', () => {
    const english = englishParagraph.repeat(Math.ceil(100_000 / englishParagraph.length)).slice(0, 100_000);
    const french = frenchParagraph.repeat(Math.ceil(100_000 / frenchParagraph.length)).slice(0, 100_000);
    expect(detectLanguage(english)).toEqual({ language: 'en', reliable: true });
    expect(detectLanguage(french)).toEqual({ language: 'fr', reliable: true });
    const start = performance.now();
    for (let i = 0; i < 50; i++) {
      languageWarnings(english);
      languageWarnings(french);
    }
    // ~0.1-0.4 ms per call on a laptop; a generous bound so slow CI machines pass.
    expect((performance.now() - start) / 100).toBeLessThan(10);
  });

  it('looks past an English opening into the body of a long text', () => {
    const text = 'Breaking news update. ' + frenchParagraph.repeat(40);
    expect(detectLanguage(text)).toEqual({ language: 'fr', reliable: true });
  });

  it('copes with pathological strings without slowing down', () => {
    const texts = [
      'a'.repeat(100_000),
      '7'.repeat(100_000),
      'x+'.repeat(50_000) + '@',
      'a-'.repeat(50_000),
      '😂'.repeat(50_000),
      '\uD83D'.repeat(1000) + 'lone surrogates',
    ];
    const start = performance.now();
    for (const text of texts) expect(languageWarnings(text)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(200);
  });

  it('reads styled Unicode letters as the letters they stand for', () => {
    // Mathematical bold letters, as pasted from "fancy text" generators.
    expect(languageWarnings('𝐓𝐡𝐢𝐬 𝐢𝐬 𝐭𝐡𝐞 𝐛𝐞𝐬𝐭 𝐝𝐚𝐲 𝐞𝐯𝐞𝐫')).toEqual([]);
    expect(languageWarnings('ＴＨＩＳ ＩＳ ＴＨＥ ＢＥＳＴ ＤＡＹ ＥＶＥＲ')).toEqual([]);
  });
});

describe('languageName', () => {
  it('names the languages eld returns and passes unknown codes through', () => {
    expect(languageName('de')).toBe('German');
    expect(languageName('zh')).toBe('Chinese');
    expect(languageName('xx')).toBe('xx');
  });
});
