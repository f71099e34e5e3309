# bash completion for rescomp (installed as share/bash-completion/completions/rescomp)
_rescomp()
{
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local options="-o --output --trace -q --quiet --strict --no-pdf-tags --pdf-standard --set --variant
        --all-variants -j --jobs --list-variants --letter --combine --check --depfile --watch --format --width --schema
        --upgrade --design --root --job --list-themes -h --help --version"

    if [[ ${COMP_WORDS[1]} == new ]]; then
        case $prev in
            --theme) COMPREPLY=($(compgen -W "$(rescomp --list-themes 2>/dev/null | cut -d' ' -f1)" -- "$cur")); return ;;
            --format) COMPREPLY=($(compgen -W "yaml json" -- "$cur")); return ;;
        esac
        [[ $cur == -* ]] && COMPREPLY=($(compgen -W "--theme --format -q --quiet" -- "$cur"))
        return
    fi
    case $prev in
        -o|--output|--depfile|--job)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --root)
            COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --design)
            COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur")); return ;;
        --format)
            COMPREPLY=($(compgen -W "pdf txt md html" -- "$cur")); return ;;
        --pdf-standard)
            COMPREPLY=($(compgen -W "a-1b a-2b a-2u ua-1 a-2b,ua-1 a-2u,ua-1" -- "$cur")); return ;;
        --variant)
            # the variants of the CV named before on the line
            local w input=
            for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
                [[ $w == *.@(yaml|yml|json) && -f $w ]] && { input=$w; break; }
            done
            [[ $input ]] && COMPREPLY=($(compgen -W "$(rescomp "$input" --list-variants 2>/dev/null)" -- "$cur"))
            return ;;
        --width)
            COMPREPLY=($(compgen -W "0 60 72 80 100" -- "$cur")); return ;;
        --set|-j|--jobs)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    elif [[ $COMP_CWORD == 1 ]]; then
        COMPREPLY=($(compgen -W "new" -- "$cur") $(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur"))
    fi
}
complete -o filenames -F _rescomp rescomp
