#!/bin/sh
# Rebuilds both shipped models from ../shared/data (or the folder given) on the CPU, in order: the transformer
# distils from the lexical model, so the lexical model comes first. 9-15 minutes on 2 cores.
#
#   sh training/rebuild.sh [DATA_DIR]        (npm run train)
#
# Needs Debian's python3-torch, python3-onnx, python3-sklearn (/usr/bin/python3). Writes models/lexical,
# models/transformer and their parity fixtures; the model cards' figures come from the logs it prints.
set -eu
cd "$(dirname "$0")/.."
DATA="${1:-../shared/data}"
PY=/usr/bin/python3
npx tsc -p tsconfig.build.json
"$PY" training/lexical/train.py --data "$DATA"
"$PY" training/lexical/make_parity.py
nice -n 10 "$PY" training/transformer/build.py --data "$DATA" --test
echo "rebuilt models/lexical and models/transformer; refit the fusion with: node bin/basira.js calibrate split:dev --max-context-fp 0.05 -o models/fusion.json --force" >&2
