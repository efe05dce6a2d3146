#!/usr/bin/env python3
# make-name-probe.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes a probe for bench-text-cleaner: free-text values such as a
# de-identifier meets in descriptions and reports, with names, places, phone
# numbers, e-mail addresses, URLs and street addresses planted without cue
# words, and clinical terms (eponyms, abbreviations, protocol words) that must
# survive.  One JSON object per line:
#
#   {"text": "...", "planted": [{"text": "...", "kind": "name", "word": false}],
#    "clinical": ["Baker cyst", "FLAIR"]}
#
# kind is name, place, phone, email or address; "word" marks a name that is
# also an English word (Rose, Baker), reported apart.  Names and places are
# invented from syllables of several languages' sound patterns, so that they
# are in no list; two pools (--pool dev, --pool held-out) share no syllable
# table, no template and no clinical phrase list, so that figures measured on
# the held-out pool were not tuned on.
#
#   make-name-probe.py --pool held-out --seed 7 --count 3000 > probe.jsonl

import argparse
import json
import random

# syllables for invented names, by sound pattern: (given-name parts, surname
# parts, surname endings)
POOLS = {
    'dev': {
        'styles': [
            (['ade', 'olu', 'funmi', 'tunde', 'kemi', 'bayo'], ['okun', 'ade', 'bam', 'ola', 'fol'], ['wale', 'yemi', 'rinde', 'jobi']),
            (['chi', 'nne', 'obi', 'ike', 'ngo'], ['eze', 'okwu', 'nwa', 'ofor', 'uche'], ['chukwu', 'nna', 'ike', 'afor']),
            (['wei', 'xiao', 'jun', 'ling', 'mei'], ['qiu', 'zhan', 'ruo', 'xun'], ['ling', 'feng', 'hao']),
            (['hiro', 'yuki', 'kazu', 'aki', 'mitsu'], ['taka', 'naka', 'mori', 'yoshi', 'hashi'], ['moto', 'gawa', 'zaki', 'hara']),
            (['mila', 'vlad', 'yar', 'bori', 'zdena'], ['kova', 'petr', 'drag', 'zelen', 'hrab'], ['enko', 'ovic', 'insky', 'czak']),
            (['sig', 'ragn', 'thor', 'ast', 'hild'], ['berg', 'lind', 'sol', 'vik', 'strand'], ['sson', 'stad', 'heim', 'dottir']),
            (['ana', 'xime', 'lupi', 'rocio', 'itzel'], ['quir', 'barr', 'ceba', 'urdi'], ['oga', 'ientos', 'aya', 'ieta']),
            (['farid', 'yasm', 'naj', 'haf', 'rash'], ['qur', 'bakh', 'zah', 'mans'], ['ashi', 'iri', 'oori', 'abadi']),
            (['anan', 'priy', 'suresh', 'lakh', 'deep'], ['venk', 'ragh', 'chand', 'subr'], ['athan', 'avan', 'amurthy', 'esan']),
            (['tam', 'brod', 'fen', 'col', 'aul'], ['mac', 'dun', 'kil', 'glen'], ['ree', 'lachy', 'morran', 'whinnie']),
        ],
        'place_roots': ['ash', 'brom', 'kel', 'tarn', 'quen', 'odo', 'ila', 'mbe', 'zar', 'nov'],
        'place_ends': ['by', 'thorpe', 'wick', 'ovo', 'abad', 'pur', 'dorf', 'ville', 'kofi', 'ende'],
        'streets': ['Road', 'Street', 'Lane', 'Avenue', 'Close', 'Crescent', 'Drive', 'Way'],
        'templates': [
            'Annotations for {surname} portable chest',
            'planned by {surname}',
            'neighbour {given} {surname} accompanied patient',
            '{surname} to review',
            'transferred from {place}',
            'Contact {phone} for results',
            'results to {email}',
            'Patient lives at {address}',
            '{given} {surname} consented, {clinical}',
            'seen with {given} {surname}; {clinical}',
            'Referred from {place} General, {clinical}',
            'Portal: {url}',
            '{clinical}. Discussed with {surname} at MDT',
            'Callback {phone} (ward)',
            'next of kin at {address}, tel {phone}',
            'Booked by {given} from {place} clinic',
        ],
        'clinical': [
            'Hodgkin lymphoma', 'Baker cyst', 'Colles fracture', "Crohn's disease", 'Bell palsy',
            'circle of Willis', 'CT head without contrast', 'MRI brain with gadolinium', 'axial T2 FLAIR',
            'sagittal T1', 'coronal STIR', 'DWI and ADC', 'left lower lobe consolidation',
            'no pneumothorax', 'small pleural effusion', 'Doppler ultrasound of the carotids',
            'Wilms tumour', 'Paget disease of bone', 'Salter-Harris fracture', 'Schatzki ring',
            'right upper quadrant pain', 'portable AP chest', 'CTPA for pulmonary embolism',
            'hyperintense lesion', 'Monteggia fracture', 'Graves disease',
        ],
    },
    'held-out': {
        'styles': [
            (['ayo', 'seun', 'dami', 'tobi', 'ife'], ['akin', 'ogun', 'ola', 'ade'], ['tola', 'sanmi', 'muyiwa', 'dele']),
            (['ama', 'kwa', 'yaw', 'efua', 'kofi'], ['ase', 'boa', 'nkr', 'opo'], ['mpong', 'teng', 'kuma', 'fo']),
            (['min', 'jae', 'seo', 'hyun', 'eun'], ['baek', 'jeon', 'seong', 'yeom'], ['hwan', 'rim', 'gyu']),
            (['thu', 'lanh', 'quoc', 'bich', 'huy'], ['truon', 'ngo', 'luu', 'vuon'], ['nhat', 'quy', 'khanh']),
            (['oks', 'tara', 'bohd', 'yev', 'zor'], ['hryh', 'shev', 'tkach', 'moroz'], ['chuk', 'yshyn', 'enko', 'iuk']),
            (['eino', 'aino', 'tuuli', 'veik', 'sanni'], ['koski', 'leht', 'rauta', 'hakka'], ['nen', 'ala', 'ainen', 'ila']),
            (['iker', 'nere', 'ainh', 'gorka', 'itsaso'], ['etxe', 'goiko', 'zubi', 'larra'], ['barria', 'koetxea', 'aurre', 'zabal']),
            (['zeyn', 'emir', 'elif', 'baris', 'deniz'], ['yild', 'kaya', 'ozt', 'aksoy'], ['irim', 'urk', 'oglu', 'can']),
            (['rohan', 'ishaan', 'kavya', 'meera', 'arjun'], ['kulk', 'desh', 'pand', 'josh'], ['arni', 'pande', 'ekar', 'iwala']),
            (['tane', 'aroha', 'wiremu', 'mere', 'rangi'], ['te', 'ngata', 'paru', 'whai'], ['rangi', 'kawa', 'tapu', 'hona']),
            (['siob', 'orla', 'ciar', 'niamh', 'donn'], ['o', 'mac', 'ni'], ['dhuibh', 'cartaigh', 'loingsigh', 'bhriain']),
        ],
        'place_roots': ['wex', 'lin', 'karo', 'ubu', 'sel', 'mar', 'ost', 'vel', 'dun', 'oka'],
        'place_ends': ['ham', 'field', 'grad', 'istan', 'nagar', 'burg', 'mouth', 'lund', 'iko', 'ton'],
        'streets': ['Terrace', 'Gardens', 'Grove', 'Street', 'Road', 'Parade', 'Mews', 'Boulevard'],
        'templates': [
            'Presentation for {surname} follow-up',
            'reviewed with {surname} by phone',
            'Daughter {given} {surname} present',
            '{surname} happy with images',
            'came in from {place} by ambulance',
            'Ring {phone} when ready',
            'copy to {email} please',
            'address {address}',
            '{clinical}; {given} {surname} to see',
            'Scans requested by {given} {surname} ({place})',
            '{clinical} - ask {surname}',
            'see {url} for protocol',
            'Pt from {place}. {clinical}',
            'Mobile {phone}',
            'home: {address}; phone {phone}',
            '{given} at {place} informed',
        ],
        'clinical': [
            "Osgood-Schlatter disease", "Baker's cyst", 'Smith fracture', 'Hashimoto thyroiditis',
            'pouch of Douglas', 'CT abdomen and pelvis with contrast', 'MR cervical spine', 'T2 SPACE',
            'coronal FLAIR', 'susceptibility weighted imaging', 'lateral decubitus view',
            'bilateral hilar lymphadenopathy', 'no acute intracranial haemorrhage', 'Barrett oesophagus',
            'right iliac fossa tenderness', 'Meckel diverticulum', 'Zenker diverticulum', 'Chiari malformation',
            'PA and lateral chest', 'ground glass opacity', 'Bosniak cyst', 'Kerley B lines',
            'non-Hodgkin lymphoma', 'Klatskin tumour', 'MRCP', 'left ventricular hypertrophy',
        ],
    },
}

# names that are also English words, reported apart
WORD_GIVEN = ['Rose', 'Hope', 'Grace', 'Faith', 'Joy', 'Dawn', 'Summer', 'Will', 'Mark', 'Jade', 'Ruby', 'Iris']
WORD_SURNAMES = ['Baker', 'Hunter', 'Mason', 'Fisher', 'Carter', 'Cook', 'Miller', 'Bishop', 'Young', 'Long',
                 'Green', 'Ward', 'Hall', 'Wood', 'Stone', 'Marsh', 'Page', 'Rice', 'Bell', 'Fox']


def invent(rng, parts, endings):
    return (rng.choice(parts) + rng.choice(endings)).capitalize()


def person(rng, pool):
    given_parts, surname_parts, endings = rng.choice(pool['styles'])
    if rng.random() < 0.15:
        return rng.choice(WORD_GIVEN), rng.choice(WORD_SURNAMES), True
    given = invent(rng, given_parts, ['', 'a', 'o', 'i', 'e']) if rng.random() < 0.5 else rng.choice(given_parts).capitalize()
    surname = invent(rng, surname_parts, endings)
    if rng.random() < 0.1:
        surname = surname + '-' + invent(rng, surname_parts, endings)
    return given, surname, False


def place(rng, pool):
    return invent(rng, pool['place_roots'], pool['place_ends'])


def phone(rng):
    d = lambda n: ''.join(str(rng.randrange(10)) for _ in range(n))
    forms = [
        lambda: f'0{d(3)} {d(3)} {d(4)}',
        lambda: f'0{d(2)} {d(4)} {d(4)}',
        lambda: f'+44 {d(2)} {d(4)} {d(4)}',
        lambda: f'+44 (0){d(3)} {d(3)} {d(4)}',
        lambda: f'({d(3)}) {d(3)}-{d(4)}',
        lambda: f'{d(3)}.{d(3)}.{d(4)}',
        lambda: f'{d(3)}-{d(3)}-{d(4)}',
        lambda: f'+1 {d(3)} {d(3)} {d(4)}',
        lambda: f'+33 {d(1)} {d(2)} {d(2)} {d(2)} {d(2)}',
        lambda: f'0{d(1)} {d(2)} {d(2)} {d(2)} {d(2)}',
        lambda: f'+49 {d(2)} {d(7)}',
        lambda: f'0{d(2)} {d(7)}',
        lambda: f'+61 {d(1)} {d(4)} {d(4)}',
        lambda: f'0{d(3)} {d(3)} {d(3)}',
        lambda: f'+91 {d(5)} {d(5)}',
        lambda: f'+234 {d(3)} {d(3)} {d(4)}',
        lambda: f'1-{d(3)}-{d(3)}-{d(4)}',
        lambda: f'{d(3)}-{d(4)}',
    ]
    return rng.choice(forms)()


def email(rng, given, surname):
    host = rng.choice(['mail', 'post', 'inbox', 'health', 'clinic']) + rng.choice(['ly', 'box', 'net', 'hub'])
    tld = rng.choice(['com', 'org', 'net', 'co.uk', 'de', 'nhs.uk', 'io'])
    user = rng.choice([f'{given}.{surname}', f'{given[0]}{surname}', f'{surname}{rng.randrange(100)}'])
    return f'{user.lower()}@{host}.{tld}'


def url(rng, pool):
    host = place(rng, pool).lower() + rng.choice(['-health', 'clinic', '-imaging'])
    return rng.choice([f'https://{host}.org/results', f'www.{host}.com', f'http://{host}.net/p?id=4'])


def address(rng, pool):
    given_parts, surname_parts, endings = rng.choice(pool['styles'])
    street = invent(rng, surname_parts, endings)
    number = rng.randrange(1, 400)
    return f'{number} {street} {rng.choice(pool["streets"])}, {place(rng, pool)}'


def make(rng, pool):
    template = rng.choice(pool['templates'])
    given, surname, word = person(rng, pool)
    values = {'given': given, 'surname': surname, 'place': place(rng, pool), 'phone': phone(rng),
              'email': email(rng, given, surname.replace('-', '')), 'url': url(rng, pool),
              'address': address(rng, pool), 'clinical': rng.choice(pool['clinical'])}
    kinds = {'given': 'name', 'surname': 'name', 'place': 'place', 'phone': 'phone', 'email': 'email',
             'url': 'email', 'address': 'address'}
    text = template.format(**values)
    planted = [{'text': values[k], 'kind': kinds[k], 'word': word and k in ('given', 'surname')}
               for k in kinds if '{' + k + '}' in template]
    clinical = [values['clinical']] if '{clinical}' in template else []
    style = rng.random()
    if style < 0.15:
        text = text.upper()
        planted = [dict(p, text=p['text'].upper()) for p in planted]
        clinical = [c.upper() for c in clinical]
    return {'text': text, 'planted': planted, 'clinical': clinical}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--pool', choices=sorted(POOLS), default='dev')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--count', type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = POOLS[args.pool]
    for _ in range(args.count):
        print(json.dumps(make(rng, pool), ensure_ascii=False))
    # clinical sentences alone, as reports hold them
    for term in pool['clinical']:
        print(json.dumps({'text': f'Findings: {term}.', 'planted': [], 'clinical': [term]}))


if __name__ == '__main__':
    main()
