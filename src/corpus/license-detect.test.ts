import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfraLMError } from '../core/errors.js';
import { detectLicense, isPermissive, parseSpdxExpression } from './license-detect.js';

// Short verbatim excerpts of the real licence texts (enough of each to carry its distinctive phrases).
const TEXTS = {
  MIT: `MIT License

Copyright (c) 2023 Example Org

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.`,
  'Apache-2.0': `
                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/

   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION`,
  'BSD-2-Clause': `Copyright (c) 2020, Example
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.`,
  'BSD-3-Clause': `Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.`,
  ISC: `ISC License

Copyright (c) 2004-2010 by Internet Systems Consortium, Inc. ("ISC")

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.`,
  '0BSD': `Copyright (C) 2006 by Rob Landley <rob@landley.net>

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES`,
  'MPL-2.0': `Mozilla Public License Version 2.0
==================================

1. Definitions
--------------`,
  'GPL-2.0': `                    GNU GENERAL PUBLIC LICENSE
                       Version 2, June 1991

 Copyright (C) 1989, 1991 Free Software Foundation, Inc.,`,
  // Includes section 13, which names the AGPL: it must still read as GPL-3.0.
  'GPL-3.0': `                    GNU GENERAL PUBLIC LICENSE
                       Version 3, 29 June 2007

  13. Use with the GNU Affero General Public License.

  Notwithstanding any other provision of this License, you have
permission to link or combine any covered work with a work licensed
under version 3 of the GNU Affero General Public License into a single
combined work,`,
  'LGPL-2.1': `                  GNU LESSER GENERAL PUBLIC LICENSE
                       Version 2.1, February 1999

 Copyright (C) 1991, 1999 Free Software Foundation, Inc.`,
  'LGPL-3.0': `                   GNU LESSER GENERAL PUBLIC LICENSE
                       Version 3, 29 June 2007

  This version of the GNU Lesser General Public License incorporates
the terms and conditions of version 3 of the GNU General Public
License, supplemented by the additional permissions listed below.`,
  'AGPL-3.0': `                    GNU AFFERO GENERAL PUBLIC LICENSE
                       Version 3, 19 November 2007`,
  Unlicense: `This is free and unencumbered software released into the public domain.

Anyone is free to copy, modify, publish, use, compile, sell, or
distribute this software, either in source code form or as a compiled
binary, for any purpose, commercial or non-commercial, and by any
means.`,
  'CC0-1.0': `Creative Commons Legal Code

CC0 1.0 Universal`,
  'BSL-1.1': `Business Source License 1.1

Parameters

Licensor:             Example Corp.
Change License:       Apache License, Version 2.0`,
} satisfies Record<string, string>;

describe('detectLicense', () => {
  for (const [id, text] of Object.entries(TEXTS)) {
    it(`recognises ${id}`, () => {
      expect(detectLicense(text)).toBe(id);
    });
  }

  it('recognises the short Apache-2.0 notice some repositories use as LICENSE', () => {
    const notice = `Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.`;
    expect(detectLicense(notice)).toBe('Apache-2.0');
  });

  it('ignores case, wrapping, comment markers and Markdown', () => {
    const quoted = TEXTS.MIT.toUpperCase()
      .split('\n')
      .map((line) => `> **${line}**`)
      .join('\n');
    expect(detectLicense(`# Licence\n\n${quoted}`)).toBe('MIT');
  });

  it('does not take MIT-0 (no notice condition) or an unknown text for a known licence', () => {
    const mitZero = TEXTS.MIT.split('\n').slice(0, 10).join('\n');
    expect(detectLicense(mitZero)).toBeUndefined();
    expect(detectLicense('All rights reserved. Proprietary and confidential.')).toBeUndefined();
    expect(detectLicense('')).toBeUndefined();
  });

  it('reads a BSL file as BSL-1.1 although its parameters name the change licence', () => {
    expect(TEXTS['BSL-1.1']).toContain('Apache License, Version 2.0');
    expect(detectLicense(TEXTS['BSL-1.1'])).toBe('BSL-1.1');
  });

  it('joins several licence texts in one file with AND', () => {
    expect(detectLicense(`${TEXTS.MIT}\n\n${TEXTS['Apache-2.0']}`)).toBe('Apache-2.0 AND MIT');
  });

  it('reads the GPL shipped along with the LGPL as the LGPL', () => {
    expect(detectLicense(`${TEXTS['LGPL-3.0']}\n\n${TEXTS['GPL-3.0']}`)).toBe('LGPL-3.0');
  });

  const corpora = '/work/shared/corpora';
  it.skipIf(!existsSync(corpora))('recognises every LICENSE of the shared corpora', () => {
    const found: Record<string, string | undefined> = {};
    for (const corpus of ['k8s', 'terraform']) {
      for (const folder of readdirSync(join(corpora, corpus))) {
        found[folder] = detectLicense(readFileSync(join(corpora, corpus, folder, 'LICENSE'), 'utf8'));
      }
    }
    expect(found.kserve__kserve).toBe('Apache-2.0');
    expect(found['terraform-aws-modules__terraform-aws-security-group']).toBe('Apache-2.0');
    expect(found['Azure__terraform-azurerm-avm-res-containerservice-managedcluster']).toBe('MIT');
    expect(Object.values(found).every((id) => id === 'Apache-2.0' || id === 'MIT')).toBe(true);
  });
});

describe('isPermissive', () => {
  const allowed = ['MIT', 'Apache-2.0', 'BSD-3-Clause'];

  it('allows an OR when either side is allowed and an AND only when both are', () => {
    expect(isPermissive('MIT', allowed)).toBe(true);
    expect(isPermissive('GPL-3.0', allowed)).toBe(false);
    expect(isPermissive('GPL-3.0 OR MIT', allowed)).toBe(true);
    expect(isPermissive('GPL-3.0 AND MIT', allowed)).toBe(false);
    expect(isPermissive('Apache-2.0 AND MIT', allowed)).toBe(true);
  });

  it('binds AND tighter than OR and honours parentheses', () => {
    expect(isPermissive('MIT OR GPL-3.0 AND AGPL-3.0', allowed)).toBe(true);
    expect(isPermissive('(MIT OR GPL-3.0) AND AGPL-3.0', allowed)).toBe(false);
    expect(isPermissive('GPL-3.0 AND (MIT OR Apache-2.0)', ['GPL-3.0', 'MIT'])).toBe(true);
  });

  it('ignores WITH exceptions, operator case and id case', () => {
    expect(isPermissive('Apache-2.0 WITH LLVM-exception', allowed)).toBe(true);
    expect(isPermissive('GPL-2.0 with Classpath-exception-2.0 or mit', allowed)).toBe(true);
  });

  it('is false for an expression that does not parse', () => {
    for (const broken of ['', 'MIT OR', '(MIT', 'MIT)', 'AND MIT', 'MIT WITH', 'MIT / Apache-2.0']) {
      expect(isPermissive(broken, allowed)).toBe(false);
    }
  });

  type Tree = { id: string; exception?: string } | { operator: 'AND' | 'OR'; left: Tree; right: Tree };
  const ids = ['MIT', 'Apache-2.0', 'GPL-3.0', 'BSD-3-Clause', 'LicenseRef-custom', 'MPL-2.0'];
  const { tree } = fc.letrec<{ tree: Tree }>((recurse) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({
        id: fc.constantFrom(...ids),
        exception: fc.option(fc.constant('LLVM-exception'), { nil: undefined }),
      }),
      fc.record({ operator: fc.constantFrom('AND', 'OR'), left: recurse('tree'), right: recurse('tree') }),
    ),
  }));
  const render = (node: Tree, lowercase: boolean): string => {
    if ('id' in node) return node.exception ? `${node.id} WITH ${node.exception}` : node.id;
    const operator = lowercase ? node.operator.toLowerCase() : node.operator;
    return `(${render(node.left, lowercase)} ${operator} ${render(node.right, lowercase)})`;
  };
  const evaluate = (node: Tree, permitted: Set<string>): boolean => {
    if ('id' in node) return permitted.has(node.id);
    return node.operator === 'AND'
      ? evaluate(node.left, permitted) && evaluate(node.right, permitted)
      : evaluate(node.left, permitted) || evaluate(node.right, permitted);
  };

  it('agrees with a direct evaluation of any generated expression (property)', () => {
    fc.assert(
      fc.property(tree, fc.subarray(ids), fc.boolean(), (node, permitted, lowercase) => {
        expect(isPermissive(render(node, lowercase), permitted)).toBe(evaluate(node, new Set(permitted)));
      }),
    );
  });

  it('never throws on arbitrary text; parseSpdxExpression throws only InfraLMErrors (property)', () => {
    const spdxish = fc.stringMatching(/^[A-Za-z0-9.+() -]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), spdxish), (text) => {
        expect(typeof isPermissive(text, ids)).toBe('boolean');
        try {
          parseSpdxExpression(text);
        } catch (error) {
          expect(InfraLMError.isInstance(error)).toBe(true);
        }
      }),
    );
  });
});
