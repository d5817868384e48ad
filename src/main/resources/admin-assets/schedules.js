// The RRULE presets fill in the RRULE field as they are chosen, so staff see the rule
// they picked. Without scripts the form still works: the server takes the preset when
// the RRULE field is left empty.
const preset = document.getElementById('rrulePreset');
const rrule = document.getElementById('rrule');

if (preset && rrule) {
  preset.addEventListener('change', () => {
    rrule.value = preset.value;
  });
  rrule.addEventListener('input', () => {
    const match = Array.from(preset.options).find((option) => option.value === rrule.value.trim().toUpperCase());
    preset.value = match ? match.value : '';
  });
}
