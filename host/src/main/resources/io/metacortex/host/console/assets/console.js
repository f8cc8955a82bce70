// The MetaCortex admin console: a thin client of the admin API (/admin/...), on the same origin. The admin token is
// entered once and kept in this tab's sessionStorage only. Every text from the server is put into the page as text
// (textContent), never as markup.

const TOKEN_KEY = 'metacortex.console.token';
const JAR = 'application/java-archive';

// ---- DOM helpers ----

function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === false || value === null || value === undefined) {
            continue;
        }
        if (name.startsWith('on')) {
            element.addEventListener(name.substring(2), value);
        } else if (value === true) {
            element.setAttribute(name, '');
        } else {
            element.setAttribute(name, value);
        }
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) {
            element.append(child instanceof Node ? child : String(child));
        }
    }
    return element;
}

function table(caption, headings, rows) {
    return el('table', {},
        el('caption', {}, caption),
        el('thead', {}, el('tr', {}, headings.map(h => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, rows));
}

function when(instant) {
    return instant ? new Date(instant).toLocaleString() : '';
}

const view = () => document.getElementById('view');

// Replaces an element's children; absent ones (null, undefined, false) are left out, not written as text.
function replace(element, ...children) {
    element.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
}

function show(...children) {
    replace(view(), ...children);
}

function status(text) {
    document.getElementById('status').textContent = text;
}

function clearError() {
    const box = document.getElementById('error');
    box.hidden = true;
    box.replaceChildren();
}

// An API error as the API words it: its error, its detail and each field's message.
function showError(error) {
    const box = document.getElementById('error');
    const body = error.body || {};
    const fields = body.fields ? Object.entries(body.fields).map(([f, m]) => el('li', {}, `${f}: ${m}`)) : [];
    replace(box,
        el('strong', {}, body.error || error.message),
        body.detail ? el('p', {}, body.detail) : null,
        fields.length ? el('ul', {}, fields) : null,
        error.status ? el('p', {}, `HTTP ${error.status}`) : null);
    box.hidden = false;
    box.focus();
}

// Asks before an action; resolves to true when the admin confirms.
function confirmAction(text) {
    const dialog = document.getElementById('confirm');
    document.getElementById('confirm-text').textContent = text;
    dialog.returnValue = '';
    dialog.showModal();
    document.getElementById('confirm-yes').focus();
    return new Promise(resolve => {
        dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), {once: true});
    });
}

// ---- the admin API ----

class ApiError extends Error {
    constructor(status, body) {
        super(body && body.error ? body.error : `HTTP ${status}`);
        this.status = status;
        this.body = body;
    }
}

async function api(method, path, {json, jar, query} = {}) {
    const headers = {Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`, Accept: 'application/json'};
    let body;
    if (json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(json);
    } else if (jar !== undefined) {
        headers['Content-Type'] = JAR;
        body = jar;
    }
    const url = new URL(path, window.location.origin);
    for (const [name, value] of Object.entries(query || {})) {
        for (const one of [].concat(value)) {
            if (one !== undefined && one !== null && one !== '') {
                url.searchParams.append(name, one);
            }
        }
    }
    let response;
    try {
        response = await fetch(url, {method, headers, body});
    } catch (e) {
        throw new ApiError(0, {error: 'server unreachable', detail: String(e)});
    }
    const text = await response.text();
    let data = null;
    if (text) {
        try {
            data = JSON.parse(text);
        } catch (e) {
            data = {error: `unexpected answer (HTTP ${response.status})`, detail: text.substring(0, 300)};
        }
    }
    if (response.status === 401) {
        signOut();
    }
    if (!response.ok) {
        throw new ApiError(response.status, data);
    }
    return data;
}

// Runs an action, showing its error as the API words it, and re-renders the current view after it.
async function act(description, action, after = render) {
    clearError();
    status(`${description}...`);
    try {
        const result = await action();
        status(`${description}: done.`);
        await after(result);
        return result;
    } catch (e) {
        status('');
        showError(e);
        return undefined;
    }
}

// ---- sign in ----

function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    document.getElementById('nav').hidden = true;
    renderSignIn();
}

function renderSignIn() {
    const token = el('input', {id: 'token', type: 'password', autocomplete: 'off', required: true});
    show(el('form', {
            id: 'sign-in',
            onsubmit: async event => {
                event.preventDefault();
                sessionStorage.setItem(TOKEN_KEY, token.value.trim());
                clearError();
                try {
                    await api('GET', '/admin/plugins');
                    document.getElementById('nav').hidden = false;
                    navigate('plugins');
                } catch (e) {
                    sessionStorage.removeItem(TOKEN_KEY);
                    showError(e);
                }
            }
        },
        el('h2', {}, 'Sign in'),
        el('p', {}, 'The admin token: the bootstrap token (METACORTEX_ADMIN_TOKEN or data/admin-token) or an admin\'s ',
            'personal access token with the admin scope. It is kept in this tab only.'),
        el('label', {for: 'token'}, 'Admin token'), token,
        el('button', {type: 'submit'}, 'Sign in')));
    token.focus();
}

// ---- plugins ----

async function renderPlugins() {
    const [list, activity] = await Promise.all([api('GET', '/admin/plugins'), api('GET', '/admin/plugin-activity')]);
    const rows = list.plugins.map(plugin => pluginRow(plugin, activity));
    const problems = list.deployProblems || [];
    show(el('h2', {}, 'Plugins'),
        table('Installed plugins', ['Plugin', 'Version', 'Previous', 'State', 'Permissions', 'Requests',
            'Errors 4xx / 5xx', 'Slowest route p99', 'Health', 'Actions'], rows),
        el('h3', {}, 'Deploy folder'),
        problems.length
            ? table('Jars in the deploy folder that were refused', ['File', 'Error', 'Detail', 'At'],
                problems.map(p => el('tr', {}, el('td', {}, p.file), el('td', {}, p.error), el('td', {}, p.detail),
                    el('td', {}, when(p.at)))))
            : el('p', {id: 'deploy-ok'}, 'No problems with the jars in the deploy folder.'));
}

function pluginRow(plugin, activity) {
    const requests = activity.requests[plugin.id];
    const checks = Object.entries(activity.health[plugin.id] || {});
    const name = plugin.name || plugin.id;
    const actions = [];
    if (plugin.previousVersion) {
        actions.push(button(`Roll back ${plugin.id}`, 'Roll back', `Roll ${name} back to ${plugin.previousVersion}?`,
            () => api('POST', `/admin/plugins/${plugin.id}/rollback`)));
    }
    if (plugin.state === 'DISABLED') {
        actions.push(button(`Enable ${plugin.id}`, 'Enable', `Enable ${name}?`,
            () => api('POST', `/admin/plugins/${plugin.id}/enable`)));
    } else {
        actions.push(button(`Disable ${plugin.id}`, 'Disable', `Disable ${name}? Its routes answer 404 until enabled.`,
            () => api('POST', `/admin/plugins/${plugin.id}/disable`)));
    }
    actions.push(button(`Uninstall ${plugin.id}`, 'Uninstall', `Uninstall ${name}? Its data stays in the database.`,
        () => api('DELETE', `/admin/plugins/${plugin.id}`)));
    actions.push(button(`Uninstall and purge ${plugin.id}`, 'Uninstall and purge',
        `Uninstall ${name} and DELETE ALL ITS DATA? This cannot be undone.`,
        () => api('DELETE', `/admin/plugins/${plugin.id}`, {query: {purge: 'true'}})));
    return el('tr', {'data-plugin': plugin.id},
        el('th', {scope: 'row'}, name, el('br'), el('code', {}, plugin.id)),
        el('td', {}, plugin.version),
        el('td', {}, plugin.previousVersion || ''),
        el('td', {class: `state-${plugin.state}`}, plugin.state, plugin.failureReason ? `: ${plugin.failureReason}` : ''),
        el('td', {}, (plugin.permissions || []).join(', ')),
        el('td', {}, requests ? `${requests.requests} (${requests.perMinute.toFixed(1)}/min)` : '0'),
        el('td', {}, requests ? `${requests.clientErrors} / ${requests.serverErrors}` : '0 / 0'),
        el('td', {}, requests ? `${requests.slowestRouteP99Ms.toFixed(1)} ms` : ''),
        el('td', {}, checks.length
            ? el('ul', {}, checks.map(([check, result]) => el('li', {class: result.healthy ? 'healthy' : 'unhealthy'},
                `${check}: ${result.healthy ? 'healthy' : 'unhealthy'}${result.message ? ` (${result.message})` : ''}`)))
            : 'no checks'),
        el('td', {}, actions));
}

function button(label, text, question, action) {
    return el('button', {
        type: 'button', 'aria-label': label, onclick: async () => {
            if (await confirmAction(question)) {
                await act(label, action);
            }
        }
    }, text);
}

// ---- install, upgrade: preview first ----

function renderInstall() {
    const file = el('input', {id: 'jar', type: 'file', accept: '.jar,application/java-archive', required: true});
    const result = el('section', {id: 'preview', 'aria-live': 'polite'});
    show(el('h2', {}, 'Install or upgrade a plugin'),
        el('form', {
                id: 'preview-form',
                onsubmit: async event => {
                    event.preventDefault();
                    if (!file.files.length) {
                        return;
                    }
                    const jar = await file.files[0].arrayBuffer();
                    await act('Preview', () => api('POST', '/admin/plugins/preview', {jar}),
                        preview => renderPreview(result, preview, jar));
                }
            },
            el('p', {}, 'Nothing changes until you confirm: the preview shows what the install or upgrade would do.'),
            el('label', {for: 'jar'}, 'Plugin jar'), file,
            el('button', {type: 'submit'}, 'Preview')),
        result);
}

const PREVIEW_SHOWN = new Set(['preview', 'expiresAt', 'id', 'name', 'action', 'from', 'to', 'permissions',
    'permissionsToAccept', 'permissionsAdded', 'permissionsRemoved', 'codeTrusted', 'findings', 'imports', 'migrations',
    'signature', 'api', 'refused', 'refusals']);

function list(items) {
    return items && items.length ? el('ul', {}, items.map(item => el('li', {}, item))) : 'none';
}

// The difference between the installed version's API and the jar's, breaking changes first.
function apiDifference(api) {
    if (!api) {
        return null;
    }
    if (api.available === false) {
        return el('section', {id: 'preview-api'}, el('h4', {}, 'API difference'),
            el('p', {class: 'unhealthy'}, `Could not be read: ${api.detail || ''}`));
    }
    return el('section', {id: 'preview-api'}, el('h4', {}, 'API difference'),
        api.breaking
            ? el('div', {class: 'breaking', id: 'preview-breaking'}, 'Breaking for clients of the installed version:',
                list(api.breakingChanges))
            : el('p', {}, 'Nothing breaks clients of the installed version.'),
        el('dl', {},
            el('dt', {}, 'Operations added'), el('dd', {}, list(api.added)),
            el('dt', {}, 'Operations removed'), el('dd', {}, list(api.removed)),
            el('dt', {}, 'Operations changed'), el('dd', {}, list(api.changed))));
}

function renderPreview(section, preview, jar) {
    const upgrade = preview.action === 'upgrade';
    const accepts = (preview.permissionsToAccept || []).map(permission => {
        const id = `accept-${permission.replace(/[^a-z0-9]/gi, '-')}`;
        return el('label', {for: id}, el('input', {id, type: 'checkbox', value: permission}), ` ${permission}`);
    });
    const migrations = preview.migrations;
    const signature = preview.signature;
    const extra = Object.entries(preview).filter(([key]) => !PREVIEW_SHOWN.has(key));
    const confirm = el('button', {
        type: 'button', id: 'confirm-operation', disabled: preview.refused, onclick: async () => {
            const accept = accepts.map(label => label.querySelector('input')).filter(i => i.checked).map(i => i.value);
            const operation = async () => {
                // A preview id holds the accept it was made with: with permissions ticked, preview those again.
                const reviewed = accept.length
                    ? await api('POST', '/admin/plugins/preview', {jar, query: {accept}}) : preview;
                const query = {accept, preview: reviewed.preview};
                return upgrade
                    ? api('PUT', `/admin/plugins/${preview.id}`, {jar, query})
                    : api('POST', '/admin/plugins', {jar, query});
            };
            const done = await act(upgrade ? `Upgrade ${preview.id}` : `Install ${preview.id}`, operation,
                () => navigate('plugins'));
            if (done) {
                status(`${preview.id} ${preview.to} ${upgrade ? 'upgraded' : 'installed'}.`);
            }
        }
    }, upgrade ? `Upgrade ${preview.id} to ${preview.to}` : `Install ${preview.id} ${preview.to}`);
    replace(section,
        el('h3', {}, `Preview: ${preview.action} ${preview.name || preview.id}`),
        el('dl', {},
            el('dt', {}, 'Plugin'), el('dd', {}, `${preview.name || ''} (${preview.id})`),
            el('dt', {}, 'Version'), el('dd', {id: 'preview-versions'},
                upgrade ? `${preview.from} → ${preview.to}` : preview.to),
            el('dt', {}, 'Permissions declared'), el('dd', {}, (preview.permissions || []).join(', ') || 'none'),
            upgrade ? [el('dt', {}, 'Permissions added'), el('dd', {}, (preview.permissionsAdded || []).join(', ') || 'none'),
                el('dt', {}, 'Permissions removed'), el('dd', {}, (preview.permissionsRemoved || []).join(', ') || 'none')]
                : null,
            el('dt', {}, 'Code'), el('dd', {}, preview.codeTrusted ? 'trusted (plugins.trustedCode)'
                : (preview.findings || []).length ? `${preview.findings.length} forbidden references` : 'clean'),
            signature ? [el('dt', {}, 'Signature'), el('dd', {},
                `${signature.status}${signature.signer ? ` by ${signature.signer}` : ''}`
                + `${signature.detail ? `: ${signature.detail}` : ''}`)] : null,
            migrations ? [el('dt', {}, 'Migrations to run'), el('dd', {id: 'preview-migrations'},
                list(migrations.pending),
                upgrade && migrations.rollbackPossible === false
                    ? el('p', {class: 'breaking'}, `Rollback lost: ${migrations.detail || ''}`) : null)] : null),
        (preview.findings || []).length
            ? table('Forbidden references in the code', ['Class', 'Method', 'Call', 'Category', 'Instead'],
                preview.findings.map(f => el('tr', {}, el('td', {}, f['class'] || ''),
                    el('td', {}, f.method || ''), el('td', {}, f.call || ''), el('td', {}, f.category || ''),
                    el('td', {}, f.instead || ''))))
            : null,
        (preview.imports || []).length
            ? table('Imports', ['Package', 'Range', 'Resolved', 'Available'],
                preview.imports.map(i => el('tr', {class: i.resolved || i.optional ? '' : 'unhealthy'},
                    el('td', {}, i.name), el('td', {}, i.range || 'any'),
                    el('td', {}, i.resolved ? 'yes' : i.optional ? 'no (optional)' : 'NO'),
                    el('td', {}, (i.available || []).join(', ')))))
            : null,
        apiDifference(preview.api),
        preview.refused
            ? el('div', {class: 'error', id: 'preview-refusals'}, el('strong', {}, 'It would be refused:'),
                el('ul', {}, (preview.refusals || []).map(r => el('li', {}, `${r.error}: ${r.detail || ''}`))))
            : null,
        accepts.length
            ? el('fieldset', {}, el('legend', {}, 'Permissions to accept'), accepts)
            : null,
        extra.map(([key, value]) => el('section', {'data-preview': key},
            el('h4', {}, key), typeof value === 'object'
                ? el('pre', {}, JSON.stringify(value, null, 2)) : el('p', {}, String(value)))),
        confirm);
    confirm.focus();
}

// ---- users and tokens ----

async function renderUsers() {
    const users = await api('GET', '/admin/users');
    const email = el('input', {id: 'new-email', type: 'email', required: true});
    const displayName = el('input', {id: 'new-name', required: true});
    const admin = el('input', {id: 'new-admin', type: 'checkbox'});
    const zone = el('input', {id: 'new-zone', placeholder: 'UTC'});
    const tokenOutput = el('output', {id: 'new-token', class: 'secret', 'aria-live': 'polite'});
    show(el('h2', {}, 'Users'),
        table('Users', ['E-mail', 'Name', 'Roles', 'Time zone', 'State', 'Last seen', 'Actions'],
            users.map(user => el('tr', {'data-user': user.email},
                el('th', {scope: 'row'}, user.email), el('td', {}, user.displayName), el('td', {}, user.roles.join(', ')),
                el('td', {}, user.timeZone), el('td', {}, user.disabled ? 'disabled' : 'active'),
                el('td', {}, when(user.lastSeenAt)),
                el('td', {}, user.disabled ? '' : [
                    el('button', {
                        type: 'button', 'aria-label': `Create a token for ${user.email}`, onclick: async () => {
                            const token = await act(`Token for ${user.email}`,
                                () => api('POST', `/admin/users/${user.id}/tokens`,
                                    {json: {name: `console ${new Date().toISOString()}`}}),
                                async () => {});
                            if (token) {
                                tokenOutput.textContent = `Token for ${user.email} (shown once): ${token.token}`;
                            }
                        }
                    }, 'Create token'),
                    button(`Disable ${user.email}`, 'Disable', `Disable ${user.email}? Their tokens stop working.`,
                        () => api('DELETE', `/admin/users/${user.id}`))])))),
        tokenOutput,
        el('form', {
                id: 'new-user', onsubmit: event => {
                    event.preventDefault();
                    act(`Create ${email.value}`, () => api('POST', '/admin/users', {
                        json: {
                            email: email.value, displayName: displayName.value,
                            roles: admin.checked ? ['admin'] : ['user'], timeZone: zone.value || undefined
                        }
                    }));
                }
            },
            el('h3', {}, 'New user'),
            el('label', {for: 'new-email'}, 'E-mail'), email,
            el('label', {for: 'new-name'}, 'Display name'), displayName,
            el('label', {for: 'new-zone'}, 'Time zone'), zone,
            el('label', {for: 'new-admin'}, admin, ' admin'),
            el('button', {type: 'submit'}, 'Create user')));
}

// ---- audit log ----

async function renderAudit(filters = {}, before = undefined) {
    const page = await api('GET', '/admin/audit', {query: {...filters, before, limit: 50}});
    const action = el('input', {id: 'audit-action', value: filters.action || '', placeholder: 'plugin.install'});
    const actor = el('input', {id: 'audit-actor', value: filters.actor || ''});
    show(el('h2', {}, 'Audit log'),
        el('form', {
                id: 'audit-filters', onsubmit: event => {
                    event.preventDefault();
                    act('Filter', () => renderAudit({action: action.value, actor: actor.value}), async () => {});
                }
            },
            el('label', {for: 'audit-action'}, 'Action'), action,
            el('label', {for: 'audit-actor'}, 'Actor'), actor,
            el('button', {type: 'submit'}, 'Filter')),
        table('Audit entries, newest first', ['At', 'Actor', 'Action', 'Target', 'Source', 'Detail'],
            page.items.map(entry => el('tr', {},
                el('td', {}, when(entry.at)), el('td', {}, entry.actor), el('td', {}, entry.action),
                el('td', {}, entry.target || ''), el('td', {}, entry.sourceIp || ''), el('td', {}, entry.detail || '')))),
        page.nextBefore
            ? el('button', {
                type: 'button',
                onclick: () => act('Older entries', () => renderAudit(filters, page.nextBefore), async () => {})
            }, 'Older entries')
            : null);
}

// ---- jobs ----

async function renderJobs(state = 'failed') {
    const page = await api('GET', '/admin/jobs', {query: {state: state || undefined, limit: 50}});
    const select = el('select', {id: 'job-state'}, ['', 'scheduled', 'running', 'paused', 'orphaned', 'failed']
        .map(s => el('option', {value: s, selected: s === state}, s || 'any')));
    show(el('h2', {}, 'Jobs'),
        el('form', {
                id: 'job-filters', onsubmit: event => {
                    event.preventDefault();
                    act('Filter', () => renderJobs(select.value), async () => {});
                }
            },
            el('label', {for: 'job-state'}, 'State'), select, el('button', {type: 'submit'}, 'Show')),
        table('Jobs, newest first', ['Id', 'Plugin', 'Type', 'State', 'Attempts', 'Next run', 'Last error', 'Actions'],
            page.items.map(job => el('tr', {},
                el('td', {}, job.id), el('td', {}, job.plugin), el('td', {}, job.type), el('td', {}, job.state),
                el('td', {}, `${job.attempts} / ${job.maxAttempts}`), el('td', {}, when(job.nextRunAt)),
                el('td', {}, job.lastError || ''),
                el('td', {}, job.state === 'failed'
                    ? button(`Retry job ${job.id}`, 'Retry', `Run job ${job.id} again?`,
                        () => api('POST', `/admin/jobs/${job.id}/retry`))
                    : '')))));
}

// ---- navigation ----

const VIEWS = {plugins: renderPlugins, install: renderInstall, users: renderUsers, audit: renderAudit, jobs: renderJobs};
let current = 'plugins';

async function render() {
    try {
        await VIEWS[current]();
    } catch (e) {
        showError(e);
    }
}

function navigate(name) {
    current = name;
    for (const item of document.querySelectorAll('#nav [data-view]')) {
        item.setAttribute('aria-current', item.dataset.view === name ? 'page' : 'false');
    }
    clearError();
    status('');
    return render();
}

document.addEventListener('DOMContentLoaded', () => {
    for (const item of document.querySelectorAll('#nav [data-view]')) {
        item.addEventListener('click', () => navigate(item.dataset.view));
    }
    document.getElementById('sign-out').addEventListener('click', signOut);
    document.getElementById('error').setAttribute('tabindex', '-1');
    if (sessionStorage.getItem(TOKEN_KEY)) {
        document.getElementById('nav').hidden = false;
        navigate('plugins');
    } else {
        renderSignIn();
    }
});
