/** The export.xml dialect: dates with the record's own offset, escaped attributes, the prologue. */
import { formatOffset, wallClock } from '../time.js';

/** `2024-03-01 07:12:00 -0500`: how HealthKit writes every date. */
export function appleDate(ms: number, offsetMinutes: number): string {
  return `${wallClock(ms, offsetMinutes).replace('T', ' ')} ${formatOffset(offsetMinutes).replace(':', '')}`;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escape(value: string): string {
  return value.replace(/[&<>"]/g, (character) => ESCAPES[character] ?? character);
}

/** One element; `children` are already rendered elements. */
export function element(name: string, attributes: Readonly<Record<string, string | number | null | undefined>>, children: readonly string[] = [], indent = ' '): string {
  let text = `${indent}<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) text += ` ${key}="${escape(String(value))}"`;
  }
  if (!children.length) return `${text}/>\n`;
  return `${text}>\n${children.join('')}${indent}</${name}>\n`;
}

/** The prologue a real export starts with (an internal DTD subset, shortened), up to the root's first child. */
export function prologue(exportedAt: string, locale = 'en_US'): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE HealthData [',
    '<!-- HealthKit Export Version: 14 -->',
    '<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>',
    '<!ATTLIST HealthData',
    '  locale CDATA #REQUIRED',
    '>',
    '<!ELEMENT ExportDate EMPTY>',
    '<!ATTLIST ExportDate',
    '  value CDATA #REQUIRED',
    '>',
    ']>',
    `<HealthData locale="${locale}">`,
    ` <ExportDate value="${exportedAt}"/>`,
    ' <Me HKCharacteristicTypeIdentifierDateOfBirth="" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>',
    '',
  ].join('\n');
}

export const EPILOGUE = '</HealthData>\n';
