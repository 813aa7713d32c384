#!/usr/bin/env node
'use strict';
require('../dist/hedge.cjs');
