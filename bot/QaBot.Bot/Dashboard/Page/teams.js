// What the dashboard and its channel-tab set-up page share: joining Teams when framed by it (theme, sign-in), and
// reading QaBot's API as the signed-in person (Teams single sign-on in Teams, the bot's local mode outside it).
'use strict';

window.QaBotTeams = (() => {
  let inTeams = false;

  function loadScript(src) {
    return new Promise((resolve) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = () => resolve(true);
      script.onerror = () => resolve(false);
      document.head.append(script);
    });
  }

  function themeOf(theme) {
    return ['default', 'dark', 'contrast'].includes(theme) ? theme : 'default';
  }

  // Joins Teams when the page is framed by it, following its theme into onTheme; outside Teams the theme comes from
  // the address (?theme=) or the browser. Teams' library is loaded only inside a frame: in a plain browser it has
  // nothing to talk to. True when the page is in Teams.
  async function connect(onTheme) {
    const params = new URLSearchParams(location.search);
    inTeams = window.parent !== window && await loadScript('lib/MicrosoftTeams.min.js') && typeof microsoftTeams !== 'undefined';
    if (inTeams) {
      try {
        await microsoftTeams.app.initialize();
        const context = await microsoftTeams.app.getContext();
        onTheme(themeOf(context.app && context.app.theme));
        microsoftTeams.app.registerOnThemeChangeHandler((theme) => onTheme(themeOf(theme)));
        microsoftTeams.app.notifySuccess();
        return true;
      } catch (error) {
        inTeams = false;
        onTheme(themeOf(params.get('theme')));
        return false;
      }
    }
    onTheme(themeOf(params.get('theme') || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default')));
    return false;
  }

  async function authorisation() {
    if (!inTeams) {
      return {};
    }
    const token = await microsoftTeams.authentication.getAuthToken();
    return { Authorization: `Bearer ${token}` };
  }

  // GETs one of QaBot's API addresses as the signed-in person; a refusal becomes an Error in the API's own words.
  async function request(path) {
    let headers;
    try {
      headers = await authorisation();
    } catch (error) {
      throw new Error('Teams could not sign you in to the dashboard. Close the tab and open it again; if it goes on, tell the QA team.');
    }
    const response = await fetch(path, { headers, credentials: 'omit', cache: 'no-store' });
    if (!response.ok) {
      let detail = '';
      try {
        detail = (await response.json()).detail || '';
      } catch (ignored) {
        detail = '';
      }
      throw new Error(detail || `The dashboard could not be read (${response.status}).`);
    }
    return response;
  }

  return { connect, request };
})();
