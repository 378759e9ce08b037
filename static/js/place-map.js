// The map of places: progressive enhancement of the list beside it. Reads its data from the
// JSON block the page carries (no inline script, strict CSP). Markers are vector circles, so no
// marker images are needed.
(function () {
  "use strict";
  var container = document.getElementById("place-map");
  var source = document.getElementById("place-map-data");
  if (!container || !source || typeof L === "undefined") return;
  var data = JSON.parse(source.textContent);
  if (!data.tiles || !data.places.length) return;
  container.hidden = false;
  var map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution }).addTo(map);
  var bounds = [];
  data.places.forEach(function (place) {
    var marker = L.circleMarker([place.lat, place.lon], { radius: 9, weight: 2 }).addTo(map);
    var link = document.createElement("a");
    link.href = place.url;
    link.textContent = place.name;
    var popup = document.createElement("div");
    popup.appendChild(link);
    popup.appendChild(document.createElement("br"));
    popup.appendChild(document.createTextNode(place.address));
    marker.bindPopup(popup);
    bounds.push([place.lat, place.lon]);
  });
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
})();
