"""Regenerates withings-spec.json from shared/specs/withings/per-tag (needs PyYAML).

The repo has no YAML parser for Node, so the response schemas of the per-tag specs are kept here
as JSON, with each source file's sha256 so the spec test notices when the spec changes. Changes
made while converting: descriptions/examples dropped; `properties: {$timestamp: X}` (Withings'
way to say "keys are epoch seconds") becomes `additionalProperties: X`; `properties: []` becomes {}.
Run: python3 test/simulator/withings/spec-fixture.py
"""
import hashlib, json, os, re, yaml

TAGS = ['measure', 'sleep', 'heart', 'stetho', 'user', 'signature', 'oauth2']
HERE = os.path.dirname(os.path.abspath(__file__))
# The shared folder sits beside the clone (../shared), or where WEARABLES_SHARED_DIR says.
SHARED = os.environ.get('WEARABLES_SHARED_DIR') or os.path.join(HERE, '..', '..', '..', '..', 'shared')
BASE = os.path.join(SHARED, 'specs', 'withings', 'per-tag') + os.sep


def fix(node):
    if isinstance(node, dict):
        props = node.get('properties')
        if isinstance(props, dict) and list(props.keys()) == ['$timestamp']:
            node = dict(node)
            node['additionalProperties'] = fix(props['$timestamp'])
            del node['properties']
            return node
        if isinstance(props, list):
            node = dict(node)
            node['properties'] = {}
        return {k: fix(v) for k, v in node.items() if k not in ('description', 'example')}
    if isinstance(node, list):
        return [fix(x) for x in node]
    return node


out = {'source': 'shared/specs/withings/per-tag (api-evangelist/withings, see shared/specs/SOURCES.md)',
       'generated_by': 'test/simulator/withings/spec-fixture.py', 'files': {}, 'operations': {}, 'schemas': {}}
for tag in TAGS:
    name = f'withings-{tag}-api-openapi.yml'
    raw = open(BASE + name, 'rb').read()
    out['files'][name] = hashlib.sha256(raw).hexdigest()
    doc = yaml.safe_load(raw)
    for path, ops in doc['paths'].items():
        op = ops.get('post') or ops.get('get')
        action = None
        for param in op.get('parameters', []):
            if param['name'] == 'action':
                match = re.search(r'```(\w+)```', param.get('description', ''))
                if match:
                    action = match.group(1)
        if action is None:
            continue
        responses = op['responses'].get(200, op['responses'].get('200', {}))
        schema = responses.get('content', {}).get('application/json', {}).get('schema')
        url = path.strip().replace('https://wbsapi.withings.net', '')
        out['operations'][f'{url} {action}'] = fix(schema) if schema else None
    for key, value in doc.get('components', {}).get('schemas', {}).items():
        out['schemas'][key] = fix(value)
json.dump(out, open(os.path.join(HERE, 'withings-spec.json'), 'w'), indent=1, sort_keys=True)
