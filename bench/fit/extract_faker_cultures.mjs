// extract_faker_cultures.mjs - writes the first names and surnames of
// the @faker-js/faker (10.6.0, MIT) locales, one "LOCALE<TAB>first|last<TAB>name"
// a line, for bench/fit/make_name_culture.py (the naming culture of a
// name word: data/names/culture/).
//
// usage: npm pack @faker-js/faker@10.6.0 && tar xzf faker-js-faker-10.6.0.tgz
//        node bench/fit/extract_faker_cultures.mjs ./package > faker_names.tsv
import path from 'path';
import { pathToFileURL } from 'url';

const [pkg] = process.argv.slice(2);
const F = await import(pathToFileURL(path.resolve(pkg, 'dist/index.js')).href);
const flat = (v) => (v ? (Array.isArray(v) ? v : Object.values(v).flat()) : []);
for (const [k, f] of Object.entries(F)) {
	if (!k.startsWith('faker') || k === 'faker' || !f || !f.rawDefinitions)
		continue;
	const p = f.rawDefinitions.person;
	if (!p)
		continue;
	const loc = k.slice(5);
	for (const [part, v] of [['first', p.first_name], ['last', p.last_name]])
		for (const n of new Set(flat(v)))
			if (typeof n === 'string' && !/[\t\n]/.test(n))
				console.log(`${loc}\t${part}\t${n}`);
}
