// What every form of the add-on does with an answer: a status line (always text: messages may
// quote user data), and field errors shown under their fields and marked aria-invalid.
// Included in each HTML file at build time; erosForm(FIELDS) gives the three functions.
(function () {
  'use strict';
  window.erosForm = function erosForm(fields) {
    var $ = function (id) { return document.getElementById(id); };
    return {
      setStatus: function (kind, text) {
        var s = $('status');
        s.className = kind;
        s.textContent = text;
      },
      clearErrors: function () {
        fields.forEach(function (f) { $('err-' + f).textContent = ''; });
        Array.prototype.forEach.call(document.querySelectorAll('[aria-invalid]'), function (el) { el.removeAttribute('aria-invalid'); });
      },
      showErrors: function (errors) {
        errors.forEach(function (e) {
          var field = fields.indexOf(e.field) >= 0 ? e.field : 'form';
          var box = $('err-' + field);
          box.textContent = box.textContent ? box.textContent + ' ' + e.message : e.message;
          Array.prototype.forEach.call(document.querySelectorAll('[data-field="' + field + '"]'), function (el) {
            el.setAttribute('aria-invalid', 'true');
          });
        });
      },
    };
  };
})();
