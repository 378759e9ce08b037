// The "Listen" player: play and pause, the section being read, previous and next section,
// position and speed, all with ordinary buttons (keyboard and screen readers). Without this
// script the page keeps the browser's own audio controls, links to each section and downloads.
(function () {
  "use strict";

  function formatTime(seconds) {
    var whole = Math.max(0, Math.floor(seconds || 0));
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function setUp(root) {
    // A page may hold several players (the organisations page), each with its own data, and
    // this script once for each of them: each player is set up once.
    if (root.dataset.readAloudReady) {
      return;
    }
    var audio = root.querySelector("[data-read-aloud-audio]");
    var dataElement = document.getElementById(root.dataset.readAloud || "read-aloud-data");
    var controls = root.querySelector("[data-read-aloud-controls]");
    if (!audio || !dataElement || !controls) {
      return;
    }
    root.dataset.readAloudReady = "true";
    var data = JSON.parse(dataElement.textContent);
    var play = root.querySelector("[data-read-aloud-play]");
    var previous = root.querySelector("[data-read-aloud-previous]");
    var next = root.querySelector("[data-read-aloud-next]");
    var position = root.querySelector("[data-read-aloud-position]");
    var time = root.querySelector("[data-read-aloud-time]");
    var now = root.querySelector("[data-read-aloud-now]");
    var current = root.querySelector("[data-read-aloud-current]");
    var links = root.querySelectorAll("[data-read-aloud-section]");
    var speed = "normal";
    var shown = -1;
    var started = false;

    function file() {
      return data.files[speed];
    }

    // The section at the current time of the current file.
    function sectionAt(seconds) {
      var starts = file().starts;
      var index = 0;
      for (var i = 0; i < starts.length; i++) {
        if (starts[i] <= seconds + 0.05) {
          index = i;
        }
      }
      return index;
    }

    function showSection(index) {
      if (index === shown) {
        return;
      }
      var before = data.sections[shown];
      if (before) {
        var old = document.querySelector('[data-read-aloud-key="' + before.key + '"]');
        if (old) {
          old.classList.remove("is-being-read");
        }
      }
      shown = index;
      links.forEach(function (link, number) {
        if (number === index) {
          link.setAttribute("aria-current", "true");
        } else {
          link.removeAttribute("aria-current");
        }
      });
      var section = data.sections[index];
      current.textContent = section.label;
      now.hidden = false;
      var element = document.querySelector('[data-read-aloud-key="' + section.key + '"]');
      if (element) {
        element.classList.add("is-being-read");
      }
      previous.disabled = false;
      next.disabled = index >= data.sections.length - 1;
    }

    function seek(seconds, thenPlay) {
      audio.currentTime = seconds;
      position.value = String(Math.floor(seconds));
      showSection(sectionAt(seconds));
      if (thenPlay) {
        audio.play();
      }
    }

    function goTo(index) {
      var count = data.sections.length;
      index = Math.max(0, Math.min(count - 1, index));
      seek(file().starts[index], started && !audio.paused);
    }

    play.addEventListener("click", function () {
      if (audio.paused) {
        audio.play();
      } else {
        audio.pause();
      }
    });
    previous.addEventListener("click", function () {
      var index = sectionAt(audio.currentTime);
      // A few seconds into a section, "previous" starts it again, as on any player.
      var into = audio.currentTime - file().starts[index];
      goTo(into > 2 ? index : index - 1);
    });
    next.addEventListener("click", function () {
      goTo(sectionAt(audio.currentTime) + 1);
    });
    position.addEventListener("input", function () {
      seek(Number(position.value), false);
    });
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        seek(file().starts[Number(link.dataset.readAloudSection)], true);
      });
    });
    root.querySelectorAll("[data-read-aloud-speed]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (!radio.checked || !data.files[radio.value]) {
          return;
        }
        // Keep the place: the same section, as far into it as before.
        var index = sectionAt(audio.currentTime);
        var before = file();
        var length = before.ends[index] - before.starts[index];
        var share = length > 0 ? (audio.currentTime - before.starts[index]) / length : 0;
        var playing = !audio.paused;
        speed = radio.value;
        var after = file();
        var target = after.starts[index] + share * (after.ends[index] - after.starts[index]);
        audio.src = after.url;
        audio.addEventListener(
          "loadedmetadata",
          function () {
            audio.currentTime = target;
            if (playing) {
              audio.play();
            }
          },
          { once: true }
        );
        audio.load();
      });
    });

    audio.addEventListener("play", function () {
      started = true;
      play.textContent = play.dataset.labelPause;
      showSection(sectionAt(audio.currentTime));
    });
    audio.addEventListener("pause", function () {
      play.textContent = audio.ended ? play.dataset.labelPlay : play.dataset.labelResume;
    });
    audio.addEventListener("ended", function () {
      play.textContent = play.dataset.labelPlay;
    });
    audio.addEventListener("timeupdate", function () {
      position.value = String(Math.floor(audio.currentTime));
      time.textContent = formatTime(audio.currentTime) + " / " + formatTime(audio.duration);
      if (started) {
        showSection(sectionAt(audio.currentTime));
      }
    });
    audio.addEventListener("durationchange", function () {
      if (isFinite(audio.duration)) {
        position.max = String(Math.ceil(audio.duration));
      }
    });

    // The buttons replace the browser's own controls.
    audio.controls = false;
    audio.hidden = true;
    controls.hidden = false;
    previous.disabled = true;
    next.disabled = data.sections.length < 2;
  }

  document.querySelectorAll("[data-read-aloud]").forEach(setUp);
})();
