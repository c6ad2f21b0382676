import IntakeKit

/// The console's style sheets and its one script, served from memory (the CSP allows only the
/// console's own files: no inline script or style).
enum ConsoleAssets {
  static func response(_ name: String) throws -> ConsoleResponse {
    switch name {
    case "console.css": .asset(style, type: "text/css; charset=utf-8")
    case "note.css": .asset(HTMLRenderer.style, type: "text/css; charset=utf-8")
    case "console.js": .asset(script, type: "text/javascript; charset=utf-8")
    default: throw ConsoleFailure.notFound
    }
  }

  static let style = """
    body { font: 15px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #111; margin: 0; background: #fafafa; }
    main { max-width: 78em; margin: 0 auto; padding: 1em 1.5em 3em; }
    .bar { display: flex; align-items: center; gap: 1.5em; background: #1d3557; color: #fff; padding: .5em 1.5em; position: sticky; top: 0; z-index: 10; }
    .bar #sound { font-weight: 600; }
    .bar a { color: #fff; text-decoration: none; margin-right: 1em; }
    .bar .brand { font-weight: 700; font-size: 1.1em; }
    .bar .who { margin-left: auto; }
    .bar form { margin: 0; }
    h1 small { font-size: .55em; font-weight: 400; color: #555; margin-left: .6em; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { border: 1px solid #ccc; padding: .35em .5em; text-align: left; vertical-align: top; }
    th { background: #eef1f5; }
    tr.urgent td:first-child { border-left: 6px solid #b00020; }
    .tier { font-weight: 700; padding: .05em .4em; border-radius: 3px; color: #fff; background: #b06000; }
    .tier.tier3 { background: #b00020; }
    .unacked { color: #b00020; font-weight: 600; font-size: .9em; }
    code { font-size: .9em; color: #444; }
    .search, .filters { display: flex; flex-wrap: wrap; gap: .8em; align-items: end; margin: .6em 0; }
    .search input { width: 22em; }
    .alerts .alert { display: flex; flex-wrap: wrap; align-items: center; gap: .6em; padding: .6em 1.5em; background: #fde8eb; border-bottom: 3px solid #b00020; font-size: 1.05em; }
    .alerts .alert.tier3 { background: #b00020; color: #fff; }
    .alerts .alert.tier3 a { color: #fff; }
    .alerts form { margin: 0 0 0 auto; }
    .alerts button { font-size: 1em; font-weight: 700; padding: .3em 1em; }
    .alerts .why { flex-basis: 100%; font-size: .92em; }
    input.who { width: 16em; margin-right: .5em; }
    .acked { color: #2d6a2d; font-size: .9em; }
    .hold { color: #8a4b00; font-weight: 600; }
    .safety { border: 2px solid #b00020; border-left-width: 10px; background: #fdf3f3; padding: .4em 1em .8em; margin: .8em 0; }
    .safety h2 { margin: .2em 0; font-size: 1.1em; color: #8a0015; }
    .booking { border: 1px solid #c9a227; background: #fffbea; padding: .4em 1em .8em; margin: .8em 0; }
    .booking.blocked { border-width: 2px; }
    .booking.cleared { border-color: #7aa87a; background: #f1f8f1; }
    .stack.wide { max-width: 44em; }
    .print-line { display: none; }
    .booking h2 { margin: .2em 0; font-size: 1.05em; }
    .print-only { display: none; }
    .note .signature .lines { display: flex; gap: 2em; margin-top: 2.2em; }
    .note .signature .lines span { flex: 1; border-top: 1px solid #333; padding-top: .2em; font-size: .9em; color: #444; }
    .note .signature .note { margin-top: 1em; height: 6em; border: 1px solid #999; }
    .sound { margin: .3em 1.5em; font-size: .9em; color: #555; }
    .problem { color: #8a0015; background: #fdf3f3; border: 1px solid #e5a0a8; padding: .5em .8em; }
    .notice { background: #eef7ee; border: 1px solid #9c9; padding: .5em .8em; }
    .hint { color: #555; font-size: .92em; }
    .stack { display: flex; flex-direction: column; gap: .5em; max-width: 28em; }
    .stack h2 { margin: 0; font-size: 1.05em; }
    .work { display: grid; grid-template-columns: repeat(auto-fit, minmax(16em, 1fr)); gap: 1.5em; background: #fff; border: 1px solid #ddd; padding: 1em; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
    .facts dt { font-weight: 600; }
    .facts dd { margin: 0; }
    .history .when { color: #555; }
    .said { white-space: pre-wrap; margin: .2em 0 .4em 1em; padding-left: .6em; border-left: 3px solid #ccc; }
    .note { background: #fff; border: 1px solid #ddd; padding: 1em 2em; margin-top: 1.5em; }
    .note table { margin: .6em 0; }
    .note blockquote { margin: .6em 0; padding: .5em 1em; border: 2px solid #b00; border-left-width: 8px; background: #fdf3f3; font-weight: 600; }
    @media print {
      .no-print, .bar { display: none !important; }
      .print-only { display: block; break-before: page; page-break-before: always; }
      .print-line { display: block; font-size: 8.5pt; border: 1px solid #999; padding: .2em .5em; margin: 0 0 .4em; }
      body { background: #fff; }
      main { max-width: none; padding: 0; }
      .note { border: 0; padding: 0; margin: 0; }
    }
    """

  /// Keeps the alert banner current without reloading the page, rings for a new alert (once the
  /// person has turned sound on: browsers allow sound only after a click), and puts the count in
  /// the tab's title. Builds every node with textContent: nothing from the server is parsed as
  /// markup. Without JavaScript the banner is still there on every page load.
  static let script = """
    "use strict";
    (function () {
      var banner = document.getElementById("alerts");
      if (!banner) { return; }
      var state = document.getElementById("feed-state");
      var soundButton = document.getElementById("sound");
      var baseTitle = document.title;
      var audio = null;
      var seen = null;
      var lastRing = Date.now();
      var lastDrawn = "";
      soundButton.hidden = false;
      soundButton.addEventListener("click", function () {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        audio.resume();
        ring();
        soundButton.textContent = "Alert sound is on";
        sessionStorage.setItem("intake-sound", "on");
      });
      // Browsers start sound only after a click or a key on the page itself. Once turned on, it
      // stays on from page to page: it starts at once where the browser allows, else at the
      // first click or key on the new page (opening an intake, a form, anything).
      function startSound() {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        audio.resume().then(function () {
          if (audio.state === "running") { soundButton.textContent = "Alert sound is on"; }
        });
      }
      if (sessionStorage.getItem("intake-sound") === "on") {
        soundButton.textContent = "Alert sound: on from your first click on this page";
        startSound();
        ["pointerdown", "keydown"].forEach(function (kind) {
          document.addEventListener(kind, startSound, { once: true, capture: true });
        });
      }
      function ring() {
        if (!audio) { return; }
        [0, 0.5, 1.0].forEach(function (start) {
          var tone = audio.createOscillator();
          var gain = audio.createGain();
          tone.frequency.value = 880;
          gain.gain.value = 0.25;
          tone.connect(gain);
          gain.connect(audio.destination);
          tone.start(audio.currentTime + start);
          tone.stop(audio.currentTime + start + 0.3);
        });
      }
      function render(alerts) {
        while (banner.firstChild) { banner.removeChild(banner.firstChild); }
        alerts.forEach(function (alert) {
          var box = document.createElement("div");
          box.className = "alert tier" + Math.min(alert.tier, 3);
          var title = document.createElement("strong");
          title.textContent = "Tier " + alert.tier + " alert";
          box.appendChild(title);
          box.appendChild(document.createTextNode(" from kiosk " + (alert.kiosk || "(unnamed)") + ", " + alert.raised +
            " (" + alert.minutesAgo + " min ago) · "));
          if (alert.patient) {
            var name = document.createElement("strong");
            name.textContent = alert.patient;
            box.appendChild(name);
            box.appendChild(document.createTextNode(" · "));
          }
          var link = document.createElement("a");
          link.href = "/intakes/" + encodeURIComponent(alert.session);
          link.textContent = "session " + alert.session.slice(0, 8);
          box.appendChild(link);
          if (alert.reason) {
            var why = document.createElement("span");
            why.className = "why";
            why.textContent = alert.reason;
            box.appendChild(why);
          }
          var form = document.createElement("form");
          form.method = "post";
          form.action = "/alerts/" + encodeURIComponent(alert.id) + "/acknowledge";
          [["form_token", banner.dataset.formToken], ["back", banner.dataset.back]].forEach(function (pair) {
            var input = document.createElement("input");
            input.type = "hidden";
            input.name = pair[0];
            input.value = pair[1];
            form.appendChild(input);
          });
          var who = document.createElement("input");
          who.name = "who";
          who.className = "who";
          who.maxLength = 60;
          who.placeholder = banner.dataset.whoHint || "who is going";
          form.appendChild(who);
          var button = document.createElement("button");
          button.type = "submit";
          button.textContent = "I am going to the patient";
          form.appendChild(button);
          box.appendChild(form);
          banner.appendChild(box);
        });
        var none = document.getElementById("no-alerts");
        if (none && alerts.length) { none.textContent = "An alert has come in: it is at the top of this page. Reload for the full list."; }
        document.title = alerts.length
          ? "(" + alerts.length + (alerts.length === 1 ? " ALERT) " : " ALERTS) ") + baseTitle : baseTitle;
      }
      function poll() {
        fetch("/alerts.json", { credentials: "same-origin", cache: "no-store" }).then(function (response) {
          if (response.status === 401) {
            state.textContent = "Signed out: alerts are no longer shown here. Sign in again.";
            document.title = "(signed out) " + baseTitle;
            return null;
          }
          return response.json();
        }).then(function (feed) {
          if (!feed) { return; }
          state.textContent = "";
          var ids = feed.alerts.map(function (alert) { return alert.id; });
          var fresh = seen !== null && ids.some(function (id) { return seen.indexOf(id) < 0; });
          // Re-drawn when anything in it changed (a new alert, the minutes waited), so a button is
          // not replaced under a pointer for nothing; not while someone types a name, unless new.
          var drawn = JSON.stringify(feed.alerts);
          var typing = document.activeElement && document.activeElement.className === "who";
          if (fresh || seen === null || (drawn !== lastDrawn && !typing)) { render(feed.alerts); lastDrawn = drawn; }
          // A new alert rings at once; while any is unanswered it rings again every 15 s, so
          // someone who stepped away hears it when they come back.
          var now = Date.now();
          if (fresh || (ids.length && now - lastRing > 15000)) { ring(); lastRing = now; }
          seen = ids;
          window.setTimeout(poll, 2000);
        }).catch(function () {
          state.textContent = "The console cannot be reached: alerts are not being checked. Trying again.";
          window.setTimeout(poll, 5000);
        });
      }
      poll();
    })();
    """
}
