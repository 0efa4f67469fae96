// The set-up page of the dashboard's channel tab: Teams shows it when someone adds QaBot's dashboard to a channel.
// It offers the areas the signed-in person may see (from /api/dashboard, scoped on the server) and saves the choice
// as the tab's address, /dashboard/?area=..., which the dashboard opens on for everyone, within each viewer's scope.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const own = '';
  let inTeams = false;
  // The top of what the person may see (their own area's place in the tree): the list offers nothing above it.
  let top = null;

  async function start() {
    inTeams = await QaBotTeams.connect((theme) => {
      document.documentElement.dataset.theme = theme;
    });
    $('choice').addEventListener('submit', (event) => event.preventDefault());
    $('area').addEventListener('change', () => choose($('area').value));
    if (inTeams) {
      microsoftTeams.pages.config.registerOnSaveHandler(save);
    }
    const ownView = await read(own);
    top = ownView && ownView.area ? ownView.area.id : null;
    // Changing a tab already added: start from the area it opens on now.
    await choose(await savedArea());
  }

  async function savedArea() {
    if (!inTeams) return own;
    try {
      const config = await microsoftTeams.pages.getConfig();
      return (config && config.contentUrl && new URL(config.contentUrl).searchParams.get('area')) || own;
    } catch (error) {
      return own;
    }
  }

  async function read(area) {
    try {
      const response = await QaBotTeams.request(area ? `/api/dashboard?area=${encodeURIComponent(area)}` : '/api/dashboard');
      return await response.json();
    } catch (error) {
      return null;
    }
  }

  function mayChoose(id) {
    return top !== null && (id === top || id.startsWith(`${top}.`));
  }

  // Reads the chosen area's place in the tree, so the list offers its parents and the areas directly below it.
  async function choose(area) {
    document.documentElement.dataset.ready = 'loading';
    try {
      const response = await QaBotTeams.request(area ? `/api/dashboard?area=${encodeURIComponent(area)}` : '/api/dashboard');
      const view = await response.json();
      fill(view, area);
      valid(true);
      document.documentElement.dataset.ready = 'yes';
    } catch (error) {
      $('status').textContent = error.message;
      valid(false);
      document.documentElement.dataset.ready = 'failed';
    }
  }

  function fill(view, chosen) {
    const select = $('area');
    select.replaceChildren(new Option('Each person\'s own area, as in their Dashboard', own));
    for (const step of (view.path || []).filter((s) => mayChoose(s.id))) select.append(new Option(step.name, step.id));
    for (const child of (view.children || []).filter((c) => mayChoose(c.area.id))) select.append(new Option(`\u00a0\u00a0${child.area.name}`, child.area.id));
    const offered = [...select.options].some((option) => option.value === chosen);
    select.value = offered ? chosen : own;
    $('status').textContent = select.value === own
      ? 'The tab will open on each person\'s own area. Choose an area to open it there instead; choose again to go further down.'
      : `The tab will open on ${select.selectedOptions[0].textContent.trim()}. Choose again to go further down, or save.`;
  }

  function valid(state) {
    if (inTeams) {
      microsoftTeams.pages.config.setValidityState(state);
    }
  }

  function save(saveEvent) {
    const area = $('area').value;
    const name = $('area').selectedOptions[0].textContent.trim();
    const address = new URL('./', location.href);
    if (area) address.searchParams.set('area', area);
    microsoftTeams.pages.config.setConfig({
      entityId: area ? `dashboard:${area}` : 'dashboard',
      contentUrl: address.href,
      websiteUrl: address.href,
      suggestedDisplayName: area ? `Dashboard: ${name}` : 'Dashboard',
    }).then(() => saveEvent.notifySuccess(), (error) => saveEvent.notifyFailure(String(error)));
  }

  document.addEventListener('DOMContentLoaded', () => {
    start();
  });
})();
