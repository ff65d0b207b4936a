/**
 * Arabizi words whose Arabic spelling letter rules can't recover (short vowels are not written in
 * Arabic, long ones are, and Arabizi writes both the same way). Keys are spellings, matched through
 * arabiziKey() so that common variants (khilafah / 5ilafa / khelafa, mujahideen / mujahidin) meet.
 * `kind` drives detection: 'strong' words exist only in Arabizi; 'weak' ones are also European words
 * (el, la, da); 'content' ones (jihad, shaheed) are also loanwords in English, so they never make a
 * post Arabizi on their own.
 */
export type LexiconKind = 'strong' | 'weak' | 'content';

export interface LexiconEntry {
  arabic: string;
  kind: LexiconKind;
  /** Written joined to the next word in Arabic (و، ب، ل، ال). */
  prefix?: boolean;
}

type Row = [spellings: string, arabic: string, kind: LexiconKind, prefix?: true];

const ROWS: Row[] = [
  // Clitics and the article, joined to the word that follows.
  ['el|al|il|ul', 'ال', 'weak', true],
  ['wa|w', 'و', 'weak', true],
  ['wel|wal', 'وال', 'weak', true],
  ['bi|b', 'ب', 'weak', true],
  ['bel|bil|bal', 'بال', 'weak', true],
  ['li|l', 'ل', 'weak', true],
  ['lel|lil|lal', 'لل', 'weak', true],
  ['fel|fil', 'في ال', 'weak', true],
  // Function words.
  ['fi|fe', 'في', 'weak'],
  ['min|mn', 'من', 'weak'],
  ['ya', 'يا', 'weak'],
  ['la', 'لا', 'weak'],
  ['ma', 'ما', 'weak'],
  ['da|dah', 'ده', 'weak'],
  ['di|dee', 'دي', 'weak'],
  ['kol|kul|kull', 'كل', 'weak'],
    ['3ala|3la', 'على', 'strong'],
  ['3an', 'عن', 'strong'],
  ['ma3|ma3a', 'مع', 'strong'],
  ['ana', 'أنا', 'strong'],
  ['enta|inta', 'انت', 'strong'],
  ['enti|inti', 'انتي', 'strong'],
  ['howa|huwa|houwa', 'هو', 'strong'],
  ['heya|hiya|hia', 'هي', 'strong'],
  ['e7na|ehna|ni7na|nahnu|na7nu', 'احنا', 'strong'],
  ['homa|hom', 'هم', 'strong'],
  ['mesh|mish|msh|mush', 'مش', 'strong'],
  ['bas', 'بس', 'strong'],
  ['keda|kida|kda|kede', 'كده', 'strong'],
  ['leh|leeh|lesh|leish', 'ليه', 'strong'],
  ['ezay|izzay|ezzay', 'ازاي', 'strong'],
  ['3ashan|3shan|ashan|3ashen', 'عشان', 'strong'],
  ['ya3ni|yani|ya3ny|yaani', 'يعني', 'strong'],
  ['kaman|kman|kamaan', 'كمان', 'strong'],
  ['elly|illi|elli|eli|ely|alli', 'اللي', 'strong'],
  ['wallah|wallahi|wallahy|walla', 'والله', 'strong'],
  ['yalla|yallah|yala', 'يلا', 'strong'],
  ['habibi|7abibi|habibti|7abibti', 'حبيبي', 'strong'],
  ['akhi|5ayi|akhoya|5oya', 'أخي', 'strong'],
  ['ukhti|okhti|5ti', 'أختي', 'strong'],
  ['inshallah|insha2allah|inchallah|inshaallah|inshalla', 'إن شاء الله', 'content'],
  ['mashallah|masha2allah|machallah|mashaallah', 'ما شاء الله', 'content'],
  ['alhamdulillah|al7amdulillah|el7amdulillah|hamdulillah|7amdella|alhamdolillah', 'الحمد لله', 'content'],
  ['subhanallah|sob7anallah|subhanalah', 'سبحان الله', 'content'],
  ['allah|allahu|alah', 'الله', 'content'],
  ['akbar', 'أكبر', 'content'],
  // The group's and its opponents' vocabulary (what the Arabic rule pack keys on).
  ['dawla|dawlah|dawle|dawlet|dawlat|dola', 'دولة', 'content'],
  ['islamiya|islamiyya|islamiyah|islamia|islamiyyah', 'إسلامية', 'content'],
  ['islam', 'إسلام', 'content'],
  ['islami', 'إسلامي', 'content'],
  ['khilafa|khilafah|khilafat|khalifat', 'خلافة', 'content'],
  ['khalifa|khalifah', 'خليفة', 'content'],
  ['jihad|jehad|djihad', 'جهاد', 'content'],
  ['mujahid|moujahid', 'مجاهد', 'content'],
  ['mujahideen|mujahidin|mujahedin|moujahidine|mujahidun|mujahedeen', 'مجاهدين', 'content'],
  ['shaheed|shahid|chahid|chahide', 'شهيد', 'content'],
  ['shuhada|shohada|chouhada', 'شهداء', 'content'],
  ['istishhadi|istishhad', 'استشهادي', 'content'],
  ['inghimasi|inghimassi', 'انغماسي', 'content'],
  ['kuffar|koffar|kufar', 'كفار', 'content'],
  ['kafir|kaafir|kafer', 'كافر', 'content'],
  ['murtad|murtadd|mortad', 'مرتد', 'content'],
  ['murtadeen|murtaddin|murtadin|mortadin', 'مرتدين', 'content'],
  ['rafida|rafidah|rafidi|rafidha', 'رافضة', 'content'],
  ['rawafid|rawafidh|rawafed', 'روافض', 'content'],
  ['sahwat|sa7wat|sahawat', 'صحوات', 'content'],
  ['taghut|taghout|taghoot|tagut', 'طاغوت', 'content'],
  ['tawaghit|tawagheet|tawagit', 'طواغيت', 'content'],
  ['jund|jond', 'جند', 'content'],
  ['junud|jnood|jonood|junood', 'جنود', 'content'],
  ['ansar|ansaar', 'أنصار', 'content'],
  ['muhajir|mouhajir|muhajer', 'مهاجر', 'content'],
  ['muhajirin|muhajireen|mouhajirine', 'مهاجرين', 'content'],
  ['hijra|hijrah|hejra|hegra', 'هجرة', 'content'],
  ['baya|bay3a|bayah|bayaa|bay3ah', 'بيعة', 'content'],
  ['nafir|nafeer', 'نفير', 'content'],
  ['amir|ameer|emir', 'أمير', 'content'],
  ['mu2minin|muminin|mu2mineen|mumineen|mou2minin', 'مؤمنين', 'content'],
  ['wilaya|wilayah|wilayat|welaya|welayat', 'ولاية', 'content'],
  ['sham|shaam|cham', 'شام', 'content'],
  ['iraq|3iraq|irak', 'عراق', 'content'],
  ['umma|ummah|oumma', 'أمة', 'content'],
  ['sharia|shari3a|shariah|charia', 'شريعة', 'content'],
  ['tawhid|tawheed|taw7id|taw7eed', 'توحيد', 'content'],
  ['khawarij|khawaarij', 'خوارج', 'content'],
  ['daesh|da3esh|daish|da3ish|daech', 'داعش', 'content'],
  ['irhab|erhab', 'إرهاب', 'content'],
  ['irhabi|erhabi', 'إرهابي', 'content'],
  ['irhabiyin|irhabiyeen|erhabiyin', 'إرهابيين', 'content'],
  ['amaliya|3amaliya|3amaleya|amaliyah', 'عملية', 'content'],
  ['ghazwa|8azwa|ghazwah', 'غزوة', 'content'],
  ['dabiq|dabeq', 'دابق', 'content'],
  ['amaq|a3maq', 'أعماق', 'content'],
  ['muslim|moslem|muslem', 'مسلم', 'content'],
  ['muslimin|muslimeen|moslemin', 'مسلمين', 'content'],
  ['salam|salaam', 'سلام', 'content'],
  ['harb|7arb', 'حرب', 'content'],
];

/**
 * Folds the spelling variants of one word to one key: digit letters and digraphs to one form, e/o to
 * i/u, doubled letters to one, the h of a final "ah" (ة) dropped. Not more: English words must not
 * fold onto Arabizi ones. 3 and 2 (ʿayn, hamza) stay: dropping
 * them would make 3ala (على) and allah meet; spellings without them are listed as variants instead.
 */
export function arabiziKey(word: string): string {
  return word
    .replace(/3'|8/g, 'gh')
    .replace(/7'|5/g, 'kh')
    .replace(/9'/g, 'dh')
    .replace(/6'/g, 'z')
    .replace(/'/g, '')
    .replace(/7/g, 'h')
    .replace(/9/g, 's')
    .replace(/6/g, 't')
    .replace(/dj/g, 'j')
    .replace(/ch/g, 'sh')
    .replace(/ou|o/g, 'u')
    .replace(/[ey]/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .replace(/ah$/, 'a');
}

/** The particles and articles as written (el, la, wa…), for telling them apart from European words. */
export const WEAK_SPELLINGS: ReadonlySet<string> = new Set(
  ROWS.filter((r) => r[2] === 'weak').flatMap((r) => r[0].split('|')),
);

export const LEXICON: ReadonlyMap<string, LexiconEntry> = (() => {
  const map = new Map<string, LexiconEntry>();
  for (const [spellings, arabic, kind, prefix] of ROWS) {
    for (const s of spellings.split('|')) {
      const key = arabiziKey(s);
      const seen = map.get(key);
      // Two words folding to one key would silently translate one of them wrongly.
      if (seen !== undefined && seen.arabic !== arabic) {
        throw new Error(`arabizi lexicon: "${s}" folds to "${key}", already used for ${seen.arabic}`);
      }
      map.set(key, prefix ? { arabic, kind, prefix } : { arabic, kind });
    }
  }
  return map;
})();
