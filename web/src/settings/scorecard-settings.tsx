import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, dataOf } from '../api/api-client';
import type { paths } from '../api/schema';
import { formatInteger, formatPercent } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { ScorecardBacktest } from './scorecard-backtest';
import styles from './settings.module.css';
import { Saved, SaveError } from './settings-form';

export type Scorecard =
  paths['/api/scorecards']['get']['responses']['200']['content']['application/json']['data'][number];
export type Definition = Scorecard['definition'];
type Group = Definition['root'];
type Node = Group['children'][number];
type Measure = Extract<Node, { type: 'measure' }>;
type Band = Extract<Measure['scale'], { kind: 'bands' }>['bands'][number];

/** A node's place in the tree: the index of each child on the way down from the root. */
type NodePath = number[];

function updateNode(group: Group, path: NodePath, change: (node: Node) => Node): Group {
  const [index, ...rest] = path;
  return {
    ...group,
    children: group.children.map((child, i) => {
      if (i !== index) return child;
      return rest.length === 0 ? change(child) : updateNode(child as Group, rest, change);
    }),
  };
}

/** Scorecards: thresholds, weights and each measure's bands, checked against history before a new version is saved. */
export function ScorecardSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const scorecards = useQuery({
    queryKey: ['scorecards'],
    queryFn: async () => dataOf(await api.GET('/api/scorecards')).data,
  });
  const chosen = scorecards.data?.find((card) => card.name === params.get('scorecard')) ?? scorecards.data?.[0];
  const [draft, setDraft] = useState<Definition | undefined>();
  const [base, setBase] = useState<string | undefined>();
  // A different scorecard, or a newly saved version, starts a fresh draft.
  useEffect(() => {
    const key = chosen ? `${chosen.name} ${chosen.version}` : undefined;
    if (chosen && key !== base) {
      setDraft(structuredClone(chosen.definition));
      setBase(key);
    }
  }, [chosen, base]);
  const save = useMutation({
    mutationFn: async ({ name, definition }: { name: string; definition: Definition }) =>
      dataOf(await api.POST('/api/scorecards/{name}/versions', { params: { path: { name } }, body: definition })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['scorecards'] }),
  });
  if (scorecards.isError) return <SaveError error={scorecards.error} />;
  if (!chosen || !draft) return <section className={`${styles.card} ${styles.skeleton}`} aria-busy="true" />;
  const changed = JSON.stringify(draft) !== JSON.stringify(chosen.definition);
  const stages = chosen.definition.appliesTo.lifecycleStages;

  return (
    <>
      <section className={styles.card} aria-labelledby="scorecard-title">
        <h2 id="scorecard-title">{t('settings.scorecards.title')}</h2>
        <p className={styles.lead}>{t('settings.scorecards.lead')}</p>
        <div className={styles.fields}>
          <label className={styles.field}>
            <span>{t('settings.scorecards.scorecard')}</span>
            <select
              value={chosen.name}
              onChange={(event) => {
                setParams({ scorecard: event.target.value });
                save.reset();
              }}
            >
              {scorecards.data?.map((card) => (
                <option key={card.name} value={card.name}>
                  {(t('account.groups', { returnObjects: true }) as Record<string, string>)[card.name] ?? card.name}
                </option>
              ))}
            </select>
          </label>
          <p className={styles.hint}>
            {t('settings.scorecards.version', { version: chosen.version })} ·{' '}
            {stages.length === 0
              ? t('settings.scorecards.appliesToAll')
              : t('settings.scorecards.appliesTo', { stages: stages.join(', ') })}
          </p>
        </div>
        <h3>{t('settings.scorecards.thresholds')}</h3>
        <div className={styles.fields}>
          <label className={styles.field}>
            <span>{t('settings.scorecards.redBelow')}</span>
            <input
              type="number"
              min={0}
              max={100}
              className={`${styles.input} ${styles.narrow}`}
              value={draft.thresholds.red}
              onChange={(event) =>
                setDraft({ ...draft, thresholds: { ...draft.thresholds, red: Number(event.target.value) } })
              }
            />
          </label>
          <label className={styles.field}>
            <span>{t('settings.scorecards.yellowBelow')}</span>
            <input
              type="number"
              min={0}
              max={100}
              className={`${styles.input} ${styles.narrow}`}
              value={draft.thresholds.yellow}
              onChange={(event) =>
                setDraft({ ...draft, thresholds: { ...draft.thresholds, yellow: Number(event.target.value) } })
              }
            />
          </label>
          <p className={styles.hint}>
            {t('settings.scorecards.thresholdsHint', { red: draft.thresholds.red, yellow: draft.thresholds.yellow })}
          </p>
        </div>
        <h3>{t('settings.scorecards.measures')}</h3>
        <ScorecardTree group={draft.root} onChange={(root) => setDraft({ ...draft, root })} />
        <div className={styles.actions}>
          <button
            type="button"
            className={styles.primary}
            disabled={!changed || save.isPending}
            onClick={() => save.mutate({ name: chosen.name, definition: draft })}
          >
            {t('settings.scorecards.save')}
          </button>
          <button
            type="button"
            className={styles.secondary}
            disabled={!changed}
            onClick={() => setDraft(structuredClone(chosen.definition))}
          >
            {t('settings.scorecards.discard')}
          </button>
          <Saved show={save.isSuccess && !changed} />
        </div>
        <SaveError error={save.error} />
      </section>
      <ScorecardBacktest name={chosen.name} current={chosen.definition} proposed={draft} changed={changed} />
    </>
  );
}

function ScorecardTree({ group, onChange }: { group: Group; onChange: (group: Group) => void }) {
  const { t } = useTranslation();
  return (
    <table className={`${styles.table} ${styles.tree}`} aria-label={t('settings.scorecards.measures')}>
      <thead>
        <tr>
          <th scope="col">{t('settings.scorecards.measure')}</th>
          <th scope="col">{t('settings.scorecards.weight')}</th>
          <th scope="col" className={styles.num}>
            {t('settings.scorecards.share')}
          </th>
          <th scope="col">{t('settings.scorecards.scale')}</th>
        </tr>
      </thead>
      <tbody>
        <GroupRows group={group} path={[]} depth={0} root={group} onChange={onChange} />
      </tbody>
    </table>
  );
}

function GroupRows(props: { group: Group; path: NodePath; depth: number; root: Group; onChange: (g: Group) => void }) {
  const { group, path, depth, root, onChange } = props;
  const { t } = useTranslation();
  const locale = currentLanguage();
  const total = group.children.reduce((sum, child) => sum + child.weight, 0);
  // The shipped scorecards' group names are translated; a team's own names are shown as written.
  const groupNames = t('account.groups', { returnObjects: true }) as Record<string, string>;
  const groupName = (name: string) => groupNames[name] ?? name;
  const setWeight = (childPath: NodePath, weight: number) =>
    onChange(updateNode(root, childPath, (node) => ({ ...node, weight })));
  return (
    <>
      {group.children.map((child, index) => {
        const childPath = [...path, index];
        const share = group.mode === 'worst' ? undefined : child.weight / total;
        const name =
          child.type === 'group'
            ? child.name
            : t(`account.measures.${child.measure}`, { defaultValue: child.label ?? child.measure });
        return (
          <Fragment key={childPath.join('.')}>
            <tr>
              <td className={child.type === 'group' ? styles.groupName : styles.measureName}>
                <span className={styles.indent} data-depth={depth} />
                {name}
                {child.type === 'group' && child.mode === 'worst' && (
                  <span className={styles.hint}> · {t('settings.scorecards.worstOf')}</span>
                )}
              </td>
              <td>
                <input
                  type="number"
                  min={0.1}
                  step={0.5}
                  className={`${styles.input} ${styles.narrow}`}
                  aria-label={t('settings.scorecards.weightOf', { name })}
                  value={child.weight}
                  disabled={group.mode === 'worst'}
                  onChange={(event) => setWeight(childPath, Number(event.target.value))}
                />
              </td>
              <td className={styles.num}>{share === undefined ? '—' : formatPercent(share, locale)}</td>
              <td>
                {child.type === 'measure' ? (
                  <ScaleEditor
                    measure={child}
                    name={name}
                    onChange={(scale) =>
                      onChange(updateNode(root, childPath, (node) => ({ ...(node as Measure), scale })))
                    }
                  />
                ) : (
                  <span className={styles.hint}>
                    {t('settings.scorecards.groupOf', {
                      count: child.children.length,
                      n: formatInteger(child.children.length, locale),
                    })}
                  </span>
                )}
              </td>
            </tr>
            {child.type === 'group' && (
              <GroupRows group={child} path={childPath} depth={depth + 1} root={root} onChange={onChange} />
            )}
          </Fragment>
        );
      })}
    </>
  );
}

/** A measure's bands as coloured ranges; "Edit" opens each band's bounds and score. */
function ScaleEditor({
  measure,
  name,
  onChange,
}: {
  measure: Measure;
  name: string;
  onChange: (scale: Measure['scale']) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const scale = measure.scale;
  if (scale.kind === 'linear') {
    return <span className={styles.hint}>{t('settings.scorecards.linear', { from: scale.from, to: scale.to })}</span>;
  }
  const setBand = (index: number, change: Partial<Band>) =>
    onChange({ ...scale, bands: scale.bands.map((band, i) => (i === index ? { ...band, ...change } : band)) });
  const optional = (value: string) => (value.trim() === '' ? undefined : Number(value));
  return (
    <div>
      <span className={styles.bands}>
        {scale.bands.map((band, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a band's position is its identity while it is edited
          <span key={index} className={styles.band} data-colour={band.color}>
            {band.min ?? '−∞'} – {band.max ?? '∞'}: {band.score}
          </span>
        ))}
        <button
          type="button"
          className={styles.link}
          aria-expanded={open}
          aria-label={t('settings.scorecards.editBandsOf', { name })}
          onClick={() => setOpen(!open)}
        >
          {open ? t('settings.scorecards.closeBands') : t('settings.scorecards.editBands')}
        </button>
      </span>
      {open && (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t('settings.scorecards.bandFrom')}</th>
              <th scope="col">{t('settings.scorecards.bandTo')}</th>
              <th scope="col">{t('settings.scorecards.bandScore')}</th>
              <th scope="col">{t('settings.scorecards.bandColour')}</th>
            </tr>
          </thead>
          <tbody>
            {scale.bands.map((band, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a band's position is its identity while it is edited
              <tr key={index}>
                <td>
                  <input
                    type="number"
                    step="any"
                    className={`${styles.input} ${styles.narrow}`}
                    aria-label={t('settings.scorecards.bandFromOf', { n: index + 1 })}
                    value={band.min ?? ''}
                    onChange={(event) => setBand(index, { min: optional(event.target.value) })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    step="any"
                    className={`${styles.input} ${styles.narrow}`}
                    aria-label={t('settings.scorecards.bandToOf', { n: index + 1 })}
                    value={band.max ?? ''}
                    onChange={(event) => setBand(index, { max: optional(event.target.value) })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={100}
                    className={`${styles.input} ${styles.narrow}`}
                    aria-label={t('settings.scorecards.bandScoreOf', { n: index + 1 })}
                    value={band.score}
                    onChange={(event) => setBand(index, { score: Number(event.target.value) })}
                  />
                </td>
                <td>
                  <select
                    aria-label={t('settings.scorecards.bandColourOf', { n: index + 1 })}
                    value={band.color}
                    onChange={(event) => setBand(index, { color: event.target.value as Band['color'] })}
                  >
                    {(['red', 'yellow', 'green'] as const).map((colour) => (
                      <option key={colour} value={colour}>
                        {t(`settings.scorecards.colours.${colour}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
