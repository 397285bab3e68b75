// extract_faker_names.mjs - writes data/names/faker/LOCALE_{first,last}.txt:
// the common first names and surnames that the npm package
// @faker-js/faker (10.6.0, MIT) keeps for the naming cultures the other
// name populations hardly cover (Persian, Arabic, Urdu, Nepali, Indian),
// one name a line, duplicates dropped. Read by bench/fit/make_name_freq.py.
//
// usage: npm pack @faker-js/faker@10.6.0 && tar xzf faker-js-faker-10.6.0.tgz
//        node bench/fit/extract_faker_names.mjs ./package data/names/faker
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

const [pkg, out] = process.argv.slice(2);
const F = await import(pathToFileURL(path.resolve(pkg, 'dist/index.js')).href);
const loc = { fa: F.fakerFA, ar: F.fakerAR, ur: F.fakerUR, ne: F.fakerNE,
	      en_IN: F.fakerEN_IN };
for (const [k, f] of Object.entries(loc)) {
	const p = f.rawDefinitions.person;
	for (const [part, v] of [['first', p.first_name], ['last', p.last_name]]) {
		const arr = [...new Set(Array.isArray(v) ? v : Object.values(v).flat())];
		fs.writeFileSync(path.join(out, `${k}_${part}.txt`), arr.join('\n') + '\n');
	}
}
